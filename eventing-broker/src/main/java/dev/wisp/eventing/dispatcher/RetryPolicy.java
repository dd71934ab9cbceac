package dev.wisp.eventing.dispatcher;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: how many retries, which outcomes are worth one, and the
 * delay before each. The reconciler adapts a Trigger's (else its Broker's) {@code delivery} to it.
 */
public interface RetryPolicy {

    /** The number of retries after the first try. */
    int retries();

    /** Whether a response status (or {@link DeliveryOutcome#NO_RESPONSE} for network errors and timeouts) is retried. */
    boolean isRetryable(int status);

    /** The delay before retry {@code retry} (1-based), given the subscriber's {@code Retry-After} if any. */
    Duration delayBefore(int retry, Optional<Duration> retryAfter);

    /** How long one try may take. */
    Duration timeout();
}
