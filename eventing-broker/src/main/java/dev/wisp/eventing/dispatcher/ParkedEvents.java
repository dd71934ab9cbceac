package dev.wisp.eventing.dispatcher;

import dev.wisp.eventing.kafka.KafkaClientConfigs;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import io.vertx.core.Future;

/**
 * Lists and replays a Trigger's parked events. The group {@code wisp-trigger-{ns}-{name}-replay}
 * remembers how far replays got: listing shows the events after it, a replay delivers them again
 * (an event that fails again is parked again, after them) and then moves it on.
 */
public final class ParkedEvents {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long READ_TIMEOUT_MILLIS = 15_000;

    private final String bootstrap;

    public ParkedEvents(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The events parked and not yet replayed, oldest first. */
    public List<ParkedEvent> list(TriggerSubscription trigger) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(trigger)) {
            return read(consumer, trigger).events();
        }
    }

    /** Delivers every parked event again (to the subscriber, with retries, then dead-letter or park); waits for all. */
    public ReplayResult replay(TriggerSubscription trigger, EventDelivery delivery) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = consumer(trigger)) {
            Batch batch = read(consumer, trigger);
            Map<Resolution, Integer> counts = new EnumMap<>(Resolution.class);
            for (ParkedEvent parked : batch.events()) {
                Future<Resolution> resolution = delivery.deliver(trigger, parked.event());
                Resolution r = resolution.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
                counts.merge(r, 1, Integer::sum);
            }
            consumer.commitSync(Map.of(batch.partition(), new OffsetAndMetadata(batch.end())));
            return new ReplayResult(batch.events().size(), counts);
        }
    }

    private KafkaConsumer<String, byte[]> consumer(TriggerSubscription trigger) {
        return new KafkaConsumer<>(KafkaClientConfigs.consumer(bootstrap, trigger.parkedTopic() + "-replay", "earliest"));
    }

    private Batch read(KafkaConsumer<String, byte[]> consumer, TriggerSubscription trigger) {
        TopicPartition partition = new TopicPartition(trigger.parkedTopic(), 0);
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        List<ParkedEvent> events = new ArrayList<>();
        long deadline = System.currentTimeMillis() + READ_TIMEOUT_MILLIS;
        while (consumer.position(partition) < end) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("reading parked events of " + trigger.key() + " timed out");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end) {
                    events.add(new ParkedEvent(record.offset(), KafkaMessageFactory.createReader(record).toEvent(),
                            header(record, EventDelivery.PARKED_REASON_HEADER), header(record, EventDelivery.PARKED_AT_HEADER)));
                }
            }
        }
        return new Batch(partition, end, events);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Batch(TopicPartition partition, long end, List<ParkedEvent> events) {
    }
}
