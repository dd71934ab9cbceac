package dev.wisp.eventing.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An {@link EventPublisher} over one idempotent Kafka producer. {@code send} can block while
 * topic metadata is fetched, so it is called on a thread of its own, never on an event loop.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final ExecutorService sender;

    public KafkaEventPublisher(String bootstrap, String clientId) {
        this.producer = new KafkaProducer<>(KafkaClientConfigs.producer(bootstrap, clientId));
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wisp-kafka-send-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletionStage<Long> publish(String topic, CloudEvent event, Header... extraHeaders) {
        CompletableFuture<Long> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> send(record(topic, event, extraHeaders), acked));
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new IllegalStateException("the event publisher is closed"));
        }
        return acked;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<Long> acked) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata.offset());
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
    }

    static ProducerRecord<String, byte[]> record(String topic, CloudEvent event, Header... extraHeaders) {
        Object key = event.getExtension(PARTITION_KEY);
        ProducerRecord<String, byte[]> record = KafkaMessageFactory
                .<String>createWriter(topic, key == null ? null : key.toString())
                .writeBinary(event);
        for (Header header : extraHeaders) {
            record.headers().add(header);
        }
        return record;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
