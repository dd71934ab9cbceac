package dev.wisp.eventing.dispatcher;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A linear retry policy for tests, retrying what Knative retries (network errors, 5xx, 404, 408, 409, 429). */
public record TestRetryPolicy(int retries, Duration delay, Duration timeout) implements RetryPolicy {
    private static final Set<Integer> RETRYABLE_4XX = Set.of(404, 408, 409, 429);

    @Override
    public boolean isRetryable(int status) {
        return status == DeliveryOutcome.NO_RESPONSE || status >= 500 || RETRYABLE_4XX.contains(status);
    }

    @Override
    public Duration delayBefore(int retry, Optional<Duration> retryAfter) {
        return retryAfter.orElse(delay.multipliedBy(retry));
    }
}
