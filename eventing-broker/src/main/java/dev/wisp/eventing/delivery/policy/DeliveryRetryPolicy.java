package dev.wisp.eventing.delivery.policy;

import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.duck.IsoDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The retry schedule of a Trigger, from its {@code delivery} (else its Broker's, as a whole, as in
 * Knative): up to {@code retry} retries after the first try, waiting {@code backoffDelay × n}
 * (linear) or {@code backoffDelay × 2^n} (exponential) before retry n, or longer when the subscriber
 * answered with {@code Retry-After} (capped by {@code retryAfterMax}); each try is bounded by
 * {@code timeout}. Pure: time is a parameter.
 *
 * @param retry         retries after the first try (0: one try only)
 * @param backoff       linear or exponential
 * @param backoffDelay  the base delay
 * @param timeout       how long one try may take
 * @param retryAfterMax the longest {@code Retry-After} honoured
 */
public record DeliveryRetryPolicy(int retry, BackoffPolicy backoff, Duration backoffDelay, Duration timeout,
                                  Duration retryAfterMax) {
    /** Backoff delay when {@code retry} is set without one. */
    public static final Duration DEFAULT_BACKOFF_DELAY = Duration.ofMillis(200);
    /** Timeout of one try when none is set: Knative Serving's default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Longest Retry-After honoured when {@code retryAfterMax} is not set. */
    public static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofSeconds(60);
    /** No single wait is longer than this, whatever the policy computes. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** One try, no retry: what a Trigger whose Trigger and Broker have no {@code delivery} gets. */
    public static final DeliveryRetryPolicy NO_RETRY = new DeliveryRetryPolicy(0, BackoffPolicy.EXPONENTIAL,
            DEFAULT_BACKOFF_DELAY, DEFAULT_TIMEOUT, DEFAULT_RETRY_AFTER_MAX);

    /** The policy of a Trigger: its own {@code delivery} when set, else its Broker's, else {@link #NO_RETRY}. */
    public static DeliveryRetryPolicy of(DeliverySpec trigger, DeliverySpec broker) {
        return of(trigger != null ? trigger : broker);
    }

    /** The policy a (valid) DeliverySpec describes, with the defaults above for what it leaves out. */
    public static DeliveryRetryPolicy of(DeliverySpec delivery) {
        if (delivery == null) {
            return NO_RETRY;
        }
        return new DeliveryRetryPolicy(
                delivery.getRetry() == null ? 0 : delivery.getRetry(),
                BackoffPolicy.of(delivery.getBackoffPolicy()),
                duration(delivery.getBackoffDelay(), DEFAULT_BACKOFF_DELAY),
                duration(delivery.getTimeout(), DEFAULT_TIMEOUT),
                duration(delivery.getRetryAfterMax(), DEFAULT_RETRY_AFTER_MAX));
    }

    /** The wait before retry {@code n} (1-based) by the backoff policy alone. */
    public Duration backoffBefore(int n) {
        return backoff.delay(backoffDelay, n, MAX_BACKOFF);
    }

    /**
     * What to do after try number {@code tries} (1 = the first try) ended with {@code outcome} at
     * {@code now}: delivered, retry (when the failure is retryable and retries are left), or give up.
     */
    public RetryDecision next(int tries, AttemptOutcome outcome, Instant now) {
        if (outcome.delivered()) {
            return new RetryDecision.Delivered();
        }
        if (!RetryableFailures.isRetryable(outcome)) {
            return new RetryDecision.GiveUp(outcome.describe() + " is not retryable");
        }
        if (tries > retry) {
            return new RetryDecision.GiveUp(tries + (tries == 1 ? " try" : " tries") + " failed, last: " + outcome.describe());
        }
        Duration wait = backoffBefore(tries);
        Optional<Duration> asked = RetryAfter.parse(outcome.retryAfter(), now);
        if (asked.isPresent()) {
            Duration honoured = asked.get().compareTo(retryAfterMax) > 0 ? retryAfterMax : asked.get();
            wait = honoured.compareTo(wait) > 0 ? honoured : wait;
        }
        return new RetryDecision.Retry(tries, wait, now.plus(wait));
    }

    private static Duration duration(String iso, Duration fallback) {
        return iso == null ? fallback : IsoDurations.parse(iso);
    }
}
