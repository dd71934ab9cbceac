package dev.wisp.activator.proxy;

/**
 * Knative's response-start and idle timeouts of one request sent to an instance: which of them
 * has passed at a given time, and when to look again. Pure; time comes in as
 * {@code System.nanoTime()} values, lengths in milliseconds (0 = no such timeout).
 */
final class UpstreamTimeouts {

    /** What a check found. */
    enum Expired { NONE, RESPONSE_START, IDLE }

    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Granularity of the checks after the first, so that a loop's deadline queue keeps few groups of lengths. */
    static final long RECHECK_STEP_MILLIS = 50;

    private long responseStartDeadline;
    private long idleNanos;
    private long lastReadNanos;
    private boolean responseStarted;

    /** Starts timing a request sent at {@code now}; returns when to check first (ms), 0 when neither is set. */
    long start(long now, long responseStartMillis, long idleMillis) {
        responseStarted = false;
        lastReadNanos = now;
        responseStartDeadline = responseStartMillis > 0 ? now + responseStartMillis * NANOS_PER_MILLI : 0;
        idleNanos = Math.max(0, idleMillis) * NANOS_PER_MILLI;
        if (responseStartMillis > 0 && (idleMillis <= 0 || responseStartMillis < idleMillis)) {
            return responseStartMillis;
        }
        return Math.max(0, idleMillis);
    }

    /** Stops timing (the exchange ended). */
    void stop() {
        responseStartDeadline = 0;
        idleNanos = 0;
    }

    /** The response's head arrived: the response-start timeout no longer applies. */
    void responseStarted() {
        responseStarted = true;
    }

    /** Whether reads need to be reported ({@link #read}): an idle timeout is being watched. */
    boolean watchingIdle() {
        return idleNanos > 0;
    }

    /** Bytes arrived from the instance at {@code now}. */
    void read(long now) {
        lastReadNanos = now;
    }

    /** Which timeout has passed at {@code now}, if any (response start first). */
    Expired expired(long now) {
        if (!responseStarted && responseStartDeadline != 0 && now - responseStartDeadline >= 0) {
            return Expired.RESPONSE_START;
        }
        if (idleNanos > 0 && now - lastReadNanos >= idleNanos) {
            return Expired.IDLE;
        }
        return Expired.NONE;
    }

    /** When to check again (ms from {@code now}, a multiple of {@link #RECHECK_STEP_MILLIS}); 0 when nothing is timed. */
    long nextCheckMillis(long now) {
        long remaining = Long.MAX_VALUE;
        if (!responseStarted && responseStartDeadline != 0) {
            remaining = responseStartDeadline - now;
        }
        if (idleNanos > 0) {
            remaining = Math.min(remaining, lastReadNanos + idleNanos - now);
        }
        if (remaining == Long.MAX_VALUE) {
            return 0;
        }
        long millis = Math.max(1, (remaining + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        return (millis + RECHECK_STEP_MILLIS - 1) / RECHECK_STEP_MILLIS * RECHECK_STEP_MILLIS;
    }
}
