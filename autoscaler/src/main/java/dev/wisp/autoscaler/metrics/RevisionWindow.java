package dev.wisp.autoscaler.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An immutable view of one revision's per-second concurrency buckets, averaged over a window the
 * way Knative's KPA averages ("linear": the mean of the buckets, a second without a sample counting
 * as 0).
 */
public final class RevisionWindow {
    private static final RevisionWindow EMPTY = new RevisionWindow(new TreeMap<>());

    private final NavigableMap<Long, Double> concurrencyBySecond;

    RevisionWindow(NavigableMap<Long, Double> concurrencyBySecond) {
        this.concurrencyBySecond = Collections.unmodifiableNavigableMap(new TreeMap<>(concurrencyBySecond));
    }

    /** A window without any sample. */
    public static RevisionWindow empty() {
        return EMPTY;
    }

    /** A window of the given samples; samples that fall in the same second are summed. */
    public static RevisionWindow of(Map<Instant, Double> concurrencyAt) {
        TreeMap<Long, Double> bySecond = new TreeMap<>();
        concurrencyAt.forEach((at, concurrency) -> bySecond.merge(at.getEpochSecond(), concurrency, Double::sum));
        return new RevisionWindow(bySecond);
    }

    /** The number of whole seconds a window duration spans: rounded up, at least one. */
    public static long seconds(Duration window) {
        long seconds = window.getSeconds() + (window.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * The average concurrency over the {@code window} seconds ending with the second of {@code now}
     * (inclusive), or over the seconds since {@code trackedAt} when the revision is younger than the
     * window, so that a fresh revision is not diluted by seconds before it existed.
     */
    public double averageConcurrency(Duration window, Instant trackedAt, Instant now) {
        long last = now.getEpochSecond();
        long first = Math.max(last - seconds(window) + 1, trackedAt.getEpochSecond());
        if (first > last) {
            return 0;
        }
        double sum = 0;
        for (double concurrency : concurrencyBySecond.subMap(first, true, last, true).values()) {
            sum += concurrency;
        }
        return sum / (last - first + 1);
    }

    /** The number of seconds that have a sample. */
    public int bucketCount() {
        return concurrencyBySecond.size();
    }

    @Override
    public String toString() {
        return "RevisionWindow" + concurrencyBySecond;
    }
}
