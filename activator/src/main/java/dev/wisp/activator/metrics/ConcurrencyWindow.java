package dev.wisp.activator.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * The time-weighted average number of requests in flight for one revision over a window, and the
 * number of requests that arrived in it. Pure: every change is given the instant it happened.
 */
public final class ConcurrencyWindow {

    /** What one closed window measured. */
    public record Sample(double averageConcurrency, long requests, int inFlightAtEnd) {
        /** Whether the window saw no request and none was in flight. */
        public boolean idle() {
            return requests == 0 && averageConcurrency == 0 && inFlightAtEnd == 0;
        }
    }

    private Instant windowStart;
    private Instant lastChange;
    private int inFlight;
    private double requestNanos;
    private long requests;

    public ConcurrencyWindow(Instant windowStart) {
        this.windowStart = windowStart;
        this.lastChange = windowStart;
    }

    /** A request arrived at {@code now}: one more in flight. */
    public void arrived(Instant now) {
        advance(now);
        inFlight++;
        requests++;
    }

    /** A request was answered at {@code now}: one fewer in flight. */
    public void finished(Instant now) {
        advance(now);
        inFlight = Math.max(0, inFlight - 1);
    }

    public int inFlight() {
        return inFlight;
    }

    /** Closes the window at {@code now}, returns what it measured and opens the next one. */
    public Sample close(Instant now) {
        advance(now);
        long length = Duration.between(windowStart, now).toNanos();
        double average = length > 0 ? requestNanos / length : inFlight;
        Sample sample = new Sample(average, requests, inFlight);
        windowStart = now;
        requestNanos = 0;
        requests = 0;
        return sample;
    }

    private void advance(Instant now) {
        // Events stamped before the window started (a clock step back) count from the window start.
        Instant from = lastChange.isBefore(windowStart) ? windowStart : lastChange;
        if (now.isAfter(from)) {
            requestNanos += (double) inFlight * nanosBetween(from, now);
            lastChange = now;
        }
    }

    /** {@code Duration.between(from, to).toNanos()} without allocating (this runs twice per request). */
    private static long nanosBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000_000L + (to.getNano() - from.getNano());
    }
}
