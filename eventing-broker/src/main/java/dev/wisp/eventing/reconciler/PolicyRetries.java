package dev.wisp.eventing.reconciler;

import dev.wisp.eventing.delivery.policy.DeliveryRetryPolicy;
import dev.wisp.eventing.delivery.policy.RetryableFailures;
import dev.wisp.eventing.dispatcher.DeliveryOutcome;
import dev.wisp.eventing.dispatcher.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/** The dispatcher's {@link RetryPolicy} from a Trigger's (else Broker's) {@link DeliveryRetryPolicy}. */
record PolicyRetries(DeliveryRetryPolicy policy) implements RetryPolicy {

    @Override
    public int retries() {
        return policy.retry();
    }

    @Override
    public boolean isRetryable(int status) {
        return status == DeliveryOutcome.NO_RESPONSE || RetryableFailures.isRetryableStatus(status);
    }

    /** The backoff, or the subscriber's {@code Retry-After} (capped at retryAfterMax) when longer. */
    @Override
    public Duration delayBefore(int retry, Optional<Duration> retryAfter) {
        Duration wait = policy.backoffBefore(retry);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(policy.retryAfterMax()) > 0 ? policy.retryAfterMax() : retryAfter.get();
            return asked.compareTo(wait) > 0 ? asked : wait;
        }
        return wait;
    }

    @Override
    public Duration timeout() {
        return policy.timeout();
    }
}
