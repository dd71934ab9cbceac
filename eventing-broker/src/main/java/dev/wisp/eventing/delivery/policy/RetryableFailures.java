package dev.wisp.eventing.delivery.policy;

import java.util.Set;

/**
 * Which failed tries are worth retrying, as Knative's dispatchers decide: network errors, timeouts,
 * 5xx, 404 (the subscriber may not be up yet), 408, 409 and 429. Other 4xx mean the event itself is
 * refused and go straight to the dead-letter sink; 1xx and 3xx are failures that are not retried either.
 */
public final class RetryableFailures {
    private static final Set<Integer> RETRYABLE_4XX = Set.of(404, 408, 409, 429);

    private RetryableFailures() {
    }

    /** True when the try failed in a way a later try may not. */
    public static boolean isRetryable(AttemptOutcome outcome) {
        return switch (outcome.kind()) {
            case NETWORK_ERROR, TIMEOUT -> true;
            case RESPONSE -> isRetryableStatus(outcome.status());
        };
    }

    /** True for 5xx, 404, 408, 409 and 429. */
    public static boolean isRetryableStatus(int status) {
        return (status >= 500 && status < 600) || RETRYABLE_4XX.contains(status);
    }
}
