package dev.wisp.eventing.delivery.policy;

/**
 * What one delivery try came to: an HTTP response (its status and {@code Retry-After} header), a
 * network error (connection refused or reset, DNS), or no answer within the timeout.
 */
public record AttemptOutcome(Kind kind, int status, String retryAfter) {
    /** How the try ended. */
    public enum Kind { RESPONSE, NETWORK_ERROR, TIMEOUT }

    public static AttemptOutcome response(int status) {
        return new AttemptOutcome(Kind.RESPONSE, status, null);
    }

    public static AttemptOutcome response(int status, String retryAfterHeader) {
        return new AttemptOutcome(Kind.RESPONSE, status, retryAfterHeader);
    }

    public static AttemptOutcome networkError() {
        return new AttemptOutcome(Kind.NETWORK_ERROR, 0, null);
    }

    public static AttemptOutcome timeout() {
        return new AttemptOutcome(Kind.TIMEOUT, 0, null);
    }

    /** True for a 2xx response: the event is delivered. */
    public boolean delivered() {
        return kind == Kind.RESPONSE && status >= 200 && status < 300;
    }

    /** One phrase for logs and the dead-letter extensions: {@code status 503}, {@code network error}, {@code timeout}. */
    public String describe() {
        return switch (kind) {
            case RESPONSE -> "status " + status;
            case NETWORK_ERROR -> "network error";
            case TIMEOUT -> "timeout";
        };
    }
}
