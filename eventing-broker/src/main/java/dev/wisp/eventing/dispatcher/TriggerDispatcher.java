package dev.wisp.eventing.dispatcher;

import dev.wisp.eventing.kafka.KafkaClientConfigs;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One Trigger's consumer: reads the Broker's topic in the group {@code wisp-trigger-{ns}-{name}}
 * on a thread of its own, hands events to {@link EventDelivery} (in flight on Vert.x) and commits
 * an offset only once every earlier event of its partition is resolved.
 */
public final class TriggerDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TriggerDispatcher.class);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TriggerSubscription trigger;
    private final EventDelivery delivery;
    private final TriggerMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final PartitionBuffers buffers;
    private final Queue<Resolved> resolutions = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile boolean ready;
    private long lastCommitNanos;
    private long lastLagNanos;

    public TriggerDispatcher(TriggerSubscription trigger, String bootstrap, EventDelivery delivery, TriggerMetrics metrics) {
        this.trigger = trigger;
        this.delivery = delivery;
        this.metrics = metrics;
        Map<String, Object> config = KafkaClientConfigs.consumer(bootstrap,
                dev.wisp.eventing.kafka.KafkaNames.triggerGroup(trigger.namespace(), trigger.name()), "latest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.consumer = new KafkaConsumer<>(config);
        this.buffers = new PartitionBuffers(trigger.ordered(), trigger.ordered() ? Integer.MAX_VALUE : trigger.maxInFlight());
        this.thread = new Thread(this::run, "wisp-trigger-" + trigger.namespace() + "-" + trigger.name());
        this.thread.setDaemon(true);
    }

    public TriggerDispatcher start() {
        thread.start();
        return this;
    }

    public TriggerSubscription subscription() {
        return trigger;
    }

    /** True once partitions are assigned and their starting offsets fixed: events sent from now on are delivered. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        consumer.subscribe(List.of(trigger.topic()), new Rebalance());
        LOG.infof("trigger dispatcher started trigger=%s topic=%s ordered=%s", trigger.key(), trigger.topic(), trigger.ordered());
        try {
            while (running) {
                try {
                    step();
                } catch (WakeupException woken) {
                    // a delivery resolved: go round the loop again
                } catch (KafkaException e) {
                    LOG.warnf("trigger consumer error trigger=%s error=%s", trigger.key(), e.toString());
                    pauseBriefly();
                }
            }
        } finally {
            shutDown();
        }
    }

    private void step() {
        drainResolutions();
        for (ConsumerRecord<String, byte[]> record : buffers.startable()) {
            start(record);
        }
        commit(false);
        Collection<TopicPartition> assigned = consumer.assignment();
        var backlogged = buffers.backlogged();
        consumer.pause(backlogged);
        consumer.resume(assigned.stream().filter(p -> !backlogged.contains(p)).toList());
        updateLag(assigned);
        polling = true;
        try {
            if (!resolutions.isEmpty()) {
                return;
            }
            consumer.poll(Duration.ofMillis(500)).forEach(buffers::add);
        } finally {
            polling = false;
        }
    }

    private void start(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        metrics.received();
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            LOG.errorf("unreadable record skipped trigger=%s partition=%s offset=%d error=%s", trigger.key(),
                    partition, record.offset(), e.toString());
            resolutions.add(new Resolved(partition, record.offset(), Resolution.FILTERED));
            return;
        }
        delivery.resolve(trigger, event).onComplete(result -> {
            if (result.succeeded()) {
                resolutions.add(new Resolved(partition, record.offset(), result.result()));
                if (polling) {
                    consumer.wakeup();
                }
            }
        });
    }

    private void drainResolutions() {
        Resolved resolved;
        while ((resolved = resolutions.poll()) != null) {
            if (buffers.resolved(resolved.partition(), resolved.offset())) {
                metrics.resolved(resolved.resolution());
            }
        }
    }

    private void commit(boolean now) {
        long nanos = System.nanoTime();
        if (!now && nanos - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        buffers.offsets().forEach((partition, offsets) -> {
            OptionalLong offset = offsets.toCommit();
            if (offset.isPresent()) {
                commits.put(partition, new OffsetAndMetadata(offset.getAsLong()));
            }
        });
        lastCommitNanos = nanos;
        if (commits.isEmpty()) {
            return;
        }
        consumer.commitSync(commits);
        commits.forEach((partition, offset) -> buffers.offsets().get(partition).committed(offset.offset()));
    }

    private void updateLag(Collection<TopicPartition> assigned) {
        long nanos = System.nanoTime();
        if (nanos - lastLagNanos < LAG_INTERVAL_NANOS) {
            return;
        }
        lastLagNanos = nanos;
        long behind = assigned.stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum();
        metrics.lag(behind + buffers.unresolved());
    }

    private void pauseBriefly() {
        try {
            Thread.sleep(500); // back off from a failing Kafka; the loop is not time logic
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void shutDown() {
        try {
            drainResolutions();
            commit(true);
        } catch (RuntimeException e) {
            LOG.warnf("final commit failed trigger=%s error=%s (events will be delivered again)", trigger.key(), e.toString());
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        LOG.infof("trigger dispatcher stopped trigger=%s", trigger.key());
    }

    /** Stops reading, commits what is resolved and leaves the group; events in flight are delivered again later. */
    @Override
    public void close() {
        running = false;
        delivery.stop();
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fixes every newly assigned partition's position ("latest" for a new group) by committing it. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long position = despiteWakeup(() -> consumer.position(partition));
                buffers.assigned(partition, position);
                positions.put(partition, new OffsetAndMetadata(position));
            }
            if (!positions.isEmpty()) {
                despiteWakeup(() -> {
                    consumer.commitSync(positions);
                    return null;
                });
            }
            ready = true;
            LOG.infof("partitions assigned trigger=%s partitions=%s", trigger.key(), partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                drainResolutions();
                commit(true);
            } catch (RuntimeException e) {
                LOG.warnf("commit on revoke failed trigger=%s error=%s", trigger.key(), e.toString());
            }
            partitions.forEach(buffers::revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(buffers::revoked);
        }
    }

    /** Runs a consumer call again when a delivery's wake-up interrupted it (inside a rebalance it must complete). */
    private static <T> T despiteWakeup(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WakeupException woken) {
            return call.get();
        }
    }

    private record Resolved(TopicPartition partition, long offset, Resolution resolution) {
    }
}
