package dev.wisp.platform.api;

/** A request the API refuses, with the HTTP status and Kubernetes reason to answer with. */
final class BadRequestException extends RuntimeException {
    private final int code;
    private final String reason;

    BadRequestException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
