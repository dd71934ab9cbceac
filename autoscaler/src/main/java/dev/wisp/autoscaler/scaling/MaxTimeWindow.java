package dev.wisp.autoscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The largest value recorded over a sliding window of time, in buckets of a fixed granularity
 * (Knative's {@code max.TimeWindow}, a descending-maxima queue): the scale-down delay keeps the
 * largest desired scale of the last {@code scale-down-delay}.
 */
public final class MaxTimeWindow {

    private record Entry(long index, int value) {
    }

    private final Deque<Entry> maxima = new ArrayDeque<>();
    private final long buckets;
    private final long granularitySeconds;

    /** A window of {@code duration} in buckets of {@code granularity} (whole seconds, at least one). */
    public MaxTimeWindow(Duration duration, Duration granularity) {
        this.granularitySeconds = Math.max(1, granularity.getSeconds());
        this.buckets = Math.max(1, (long) Math.ceil(duration.toNanos() / (granularitySeconds * 1e9)));
    }

    /** Records a value at {@code now}; several values in one bucket keep the largest. */
    public void record(Instant now, int value) {
        long index = Math.floorDiv(now.getEpochSecond(), granularitySeconds);
        // Smaller or equal older values can never be the maximum again: the new one is larger and newer.
        while (!maxima.isEmpty() && value >= maxima.peekLast().value()) {
            Entry dropped = maxima.pollLast();
            if (dropped.index() == index) {
                value = Math.max(value, dropped.value());
            }
        }
        while (!maxima.isEmpty() && index - maxima.peekFirst().index() >= buckets) {
            maxima.pollFirst();
        }
        if (!maxima.isEmpty() && maxima.peekLast().index() == index) {
            Entry last = maxima.pollLast();
            value = Math.max(value, last.value());
        }
        maxima.addLast(new Entry(index, value));
    }

    /** The largest value in the window as of the last {@link #record}; 0 when nothing was recorded. */
    public int current() {
        return maxima.isEmpty() ? 0 : maxima.peekFirst().value();
    }
}
