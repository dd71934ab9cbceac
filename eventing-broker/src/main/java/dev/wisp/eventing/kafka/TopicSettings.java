package dev.wisp.eventing.kafka;

import java.time.Duration;

/**
 * How the topics of Brokers and parked events are created.
 *
 * @param partitions       partitions of a Broker topic
 * @param retention        how long a Broker topic keeps events ({@code retention.ms})
 * @param parkedRetention  how long a parked-events topic keeps them (long: they wait for a replay)
 */
public record TopicSettings(int partitions, Duration retention, Duration parkedRetention) {

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }

    /** Ten partitions, seven days for events, thirty for parked ones. */
    public static TopicSettings defaults() {
        return new TopicSettings(10, Duration.ofDays(7), Duration.ofDays(30));
    }
}
