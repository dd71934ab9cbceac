package dev.wisp.eventing.kafka;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;

/** Appends CloudEvents to Kafka topics, binary-encoded; completes once Kafka acknowledged (acks=all). */
public interface EventPublisher {

    /** The extension whose value becomes the record key (Knative's partitioning extension). */
    String PARTITION_KEY = "partitionkey";

    /** Appends an event keyed by its {@code partitionkey} extension (null key when absent). */
    default CompletionStage<Long> publish(String topic, CloudEvent event) {
        return publish(topic, event, new Header[0]);
    }

    /** Appends an event with extra (non-CloudEvents) headers; completes with its offset. */
    CompletionStage<Long> publish(String topic, CloudEvent event, Header... extraHeaders);
}
