package dev.wisp.autoscaler.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

/**
 * A thread-safe store of one revision's reported concurrency in per-second buckets, keeping only
 * the newest window's worth of seconds. Samples of the same second are summed: with several
 * activators each reports its share of the revision's concurrency.
 */
public final class ConcurrencyBuckets {
    private final TreeMap<Long, Double> concurrencyBySecond = new TreeMap<>();
    private long capacitySeconds;

    /** An empty store keeping {@code window} worth of seconds. */
    public ConcurrencyBuckets(Duration window) {
        this.capacitySeconds = RevisionWindow.seconds(window);
    }

    /** Adds a sample; a negative or NaN concurrency is ignored and the method returns false. */
    public synchronized boolean add(Instant at, double concurrency) {
        if (!(concurrency >= 0)) {
            return false;
        }
        concurrencyBySecond.merge(at.getEpochSecond(), concurrency, Double::sum);
        prune();
        return true;
    }

    /** Keeps {@code window} worth of seconds from now on (a revision's window can change). */
    public synchronized void resize(Duration window) {
        capacitySeconds = RevisionWindow.seconds(window);
        prune();
    }

    /** An immutable copy of the current buckets. */
    public synchronized RevisionWindow snapshot() {
        return new RevisionWindow(concurrencyBySecond);
    }

    private void prune() {
        if (!concurrencyBySecond.isEmpty()) {
            long newest = concurrencyBySecond.lastKey();
            concurrencyBySecond.headMap(newest - capacitySeconds + 1, false).clear();
        }
    }
}
