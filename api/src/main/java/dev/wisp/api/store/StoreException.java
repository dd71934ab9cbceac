package dev.wisp.api.store;

/** A store operation that could not be done; {@link #reason()} says which kind of failure it is. */
public class StoreException extends RuntimeException {
    /** Kubernetes-style failure reasons, mapped to HTTP statuses by the API. */
    public enum Reason { NOT_FOUND, ALREADY_EXISTS, CONFLICT, INVALID, INTERNAL }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
