package dev.wisp.autoscaler.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * A revision's metric over a sliding window in per-second buckets, averaged as Knative's default
 * "linear" algorithm ({@code TimedFloat64Buckets}): the mean over the buckets since the first write
 * of the current run of data (so a partially filled window is not diluted by seconds before data
 * arrived), leaving out the seconds after the last write; a window that saw no write at all is 0.
 * Values recorded in the same second are summed (several reporters share a revision).
 *
 * <p>Not thread-safe; the owner synchronizes. Time is a parameter.
 */
public final class MetricWindow {
    private static final double PRECISION = 1e6;

    private double[] buckets;
    private Duration window;
    private long firstWrite = Long.MIN_VALUE; // epoch second; MIN_VALUE = never
    private long lastWrite = Long.MIN_VALUE;
    private double windowTotal;

    /** An empty window of {@code window}, rounded up to whole seconds, at least one. */
    public MetricWindow(Duration window) {
        this.window = window;
        this.buckets = new double[seconds(window)];
    }

    /** The window's length. */
    public Duration window() {
        return window;
    }

    /** Adds {@code value} to the bucket of {@code at}'s second; a value older than the window is dropped. */
    public void record(Instant at, double value) {
        long second = at.getEpochSecond();
        if (second != lastWrite) {
            if (lastWrite != Long.MIN_VALUE && second + buckets.length <= lastWrite) {
                return; // older than a window: ignored, as Knative does
            }
            if (firstWrite == Long.MIN_VALUE || firstWrite > second) {
                firstWrite = second;
            }
            if (lastWrite == Long.MIN_VALUE || second > lastWrite) {
                advanceTo(second);
            }
        }
        buckets[index(second)] += value;
        windowTotal += value;
    }

    /**
     * Records an idle second (a 0) unless data at or after {@code at} was already recorded: an idle
     * second never stretches the current run of data backwards.
     */
    public void recordIdle(Instant at) {
        if (lastWrite == Long.MIN_VALUE || at.getEpochSecond() > lastWrite) {
            record(at, 0);
        }
    }

    private void advanceTo(long second) {
        if (lastWrite == Long.MIN_VALUE || second - lastWrite >= buckets.length) {
            // No write for a whole window: start a new run of data.
            firstWrite = second;
            java.util.Arrays.fill(buckets, 0);
            windowTotal = 0;
        } else {
            for (long s = lastWrite + 1; s <= second; s++) {
                windowTotal -= buckets[index(s)];
                buckets[index(s)] = 0;
            }
        }
        lastWrite = second;
    }

    /** True when nothing was recorded in the window ending at {@code now}: there is no data to decide on. */
    public boolean isEmpty(Instant now) {
        return lastWrite == Long.MIN_VALUE || now.getEpochSecond() - lastWrite > buckets.length;
    }

    /** The average over the window ending with {@code now}'s second, floored to 6 decimals as Knative does. */
    public double average(Instant now) {
        if (lastWrite == Long.MIN_VALUE) {
            return 0;
        }
        long nowSecond = now.getEpochSecond();
        long sinceLastWrite = nowSecond - lastWrite;
        long run = lastWrite - firstWrite + 1;
        if (sinceLastWrite <= 0) {
            return floor6(windowTotal / Math.min(run, buckets.length));
        }
        if (sinceLastWrite >= buckets.length) {
            return 0;
        }
        double total = windowTotal;
        for (long s = lastWrite + 1; s <= nowSecond; s++) {
            total -= buckets[index(s)];
        }
        return floor6(total / Math.min(run, buckets.length - sinceLastWrite));
    }

    /** Changes the window's length, keeping the newest seconds of data. */
    public void resize(Duration newWindow) {
        int size = seconds(newWindow);
        if (size == buckets.length) {
            window = newWindow;
            return;
        }
        double[] resized = new double[size];
        double total = 0;
        if (lastWrite != Long.MIN_VALUE) {
            for (long s = lastWrite; s > lastWrite - Math.min(size, buckets.length); s--) {
                resized[(int) Math.floorMod(s, (long) size)] = buckets[index(s)];
                total += buckets[index(s)];
            }
            // As Knative: the earliest time data may have been written.
            firstWrite = lastWrite - (buckets.length - 1);
        }
        buckets = resized;
        windowTotal = total;
        window = newWindow;
    }

    private int index(long second) {
        return (int) Math.floorMod(second, (long) buckets.length);
    }

    private static double floor6(double value) {
        // max(0, ...): subtracting buckets from the running total can leave a float residue below zero.
        return Math.max(0, Math.floor(value * PRECISION) / PRECISION);
    }

    static int seconds(Duration window) {
        long seconds = window.getSeconds() + (window.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }
}
