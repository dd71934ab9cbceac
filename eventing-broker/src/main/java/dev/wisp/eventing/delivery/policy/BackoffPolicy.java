package dev.wisp.eventing.delivery.policy;

import java.time.Duration;

/** Knative's backoff policies: the wait before retry {@code n} (n = 1, 2, ...) is {@code delay × n} or {@code delay × 2^n}. */
public enum BackoffPolicy {
    LINEAR,
    EXPONENTIAL;

    /** Reads {@code linear}/{@code exponential} (null means exponential, Knative's default). */
    public static BackoffPolicy of(String name) {
        if (name == null || name.equals("exponential")) {
            return EXPONENTIAL;
        }
        if (name.equals("linear")) {
            return LINEAR;
        }
        throw new IllegalArgumentException("backoffPolicy must be linear or exponential, got \"" + name + "\"");
    }

    /** The wait before retry {@code n} (1-based), saturating at {@code cap} instead of overflowing. */
    public Duration delay(Duration base, int n, Duration cap) {
        if (n < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + n);
        }
        try {
            Duration wait = this == LINEAR ? base.multipliedBy(n) : (n >= 62 ? cap : base.multipliedBy(1L << n));
            return wait.compareTo(cap) > 0 ? cap : wait;
        } catch (ArithmeticException overflow) {
            return cap;
        }
    }
}
