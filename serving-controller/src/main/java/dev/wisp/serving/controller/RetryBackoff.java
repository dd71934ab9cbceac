package dev.wisp.serving.controller;

import java.time.Duration;

/** Exponential backoff for retrying a failed reconcile: {@code initial * 2^(failures-1)}, capped. */
public record RetryBackoff(Duration initial, Duration max) {

    public static RetryBackoff standard() {
        return new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    /** The delay before the retry that follows the {@code failures}-th consecutive failure (1-based). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
