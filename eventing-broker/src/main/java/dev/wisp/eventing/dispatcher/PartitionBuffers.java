package dev.wisp.eventing.dispatcher;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records polled for a Trigger and not yet dispatched, with the offsets taken and the events in
 * flight per partition, deciding which record may start next: one per partition when ordered,
 * up to the in-flight bound across partitions otherwise. Owned by the consumer thread.
 */
final class PartitionBuffers {
    private final boolean ordered;
    private final int maxInFlight;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> waiting = new HashMap<>();
    private final Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
    private final Map<TopicPartition, Integer> inFlight = new HashMap<>();
    private int totalInFlight;

    PartitionBuffers(boolean ordered, int maxInFlight) {
        this.ordered = ordered;
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    void assigned(TopicPartition partition, long position) {
        offsets.put(partition, new PartitionOffsets(position));
        waiting.put(partition, new ArrayDeque<>());
        inFlight.put(partition, 0);
    }

    void revoked(TopicPartition partition) {
        offsets.remove(partition);
        ArrayDeque<ConsumerRecord<String, byte[]>> dropped = waiting.remove(partition);
        Integer flying = inFlight.remove(partition);
        totalInFlight -= flying == null ? 0 : flying;
        if (dropped != null) {
            dropped.clear();
        }
    }

    void add(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionOffsets tracked = offsets.get(partition);
        if (tracked == null) {
            return; // revoked meanwhile: the next owner reads it again
        }
        tracked.begin(record.offset());
        waiting.get(partition).addLast(record);
    }

    /** The records that may start now, counted as in flight. */
    List<ConsumerRecord<String, byte[]>> startable() {
        List<ConsumerRecord<String, byte[]>> start = new java.util.ArrayList<>();
        boolean progress = true;
        while (progress && totalInFlight < maxInFlight) {
            progress = false;
            for (var entry : waiting.entrySet()) {
                if (entry.getValue().isEmpty() || totalInFlight >= maxInFlight
                        || (ordered && inFlight.get(entry.getKey()) > 0)) {
                    continue;
                }
                start.add(entry.getValue().removeFirst());
                inFlight.merge(entry.getKey(), 1, Integer::sum);
                totalInFlight++;
                progress = true;
            }
        }
        return start;
    }

    /** Marks an event resolved; false when its partition was revoked meanwhile. */
    boolean resolved(TopicPartition partition, long offset) {
        PartitionOffsets tracked = offsets.get(partition);
        if (tracked == null || !tracked.resolve(offset)) {
            return false;
        }
        inFlight.merge(partition, -1, Integer::sum);
        totalInFlight--;
        return true;
    }

    /** The partitions with records waiting: paused, so polling brings no more of them. */
    Set<TopicPartition> backlogged() {
        Set<TopicPartition> full = new HashSet<>();
        waiting.forEach((p, q) -> {
            if (!q.isEmpty()) {
                full.add(p);
            }
        });
        return full;
    }

    Map<TopicPartition, PartitionOffsets> offsets() {
        return offsets;
    }

    long unresolved() {
        return offsets.values().stream().mapToLong(PartitionOffsets::pendingCount).sum();
    }

    int inFlight() {
        return totalInFlight;
    }
}
