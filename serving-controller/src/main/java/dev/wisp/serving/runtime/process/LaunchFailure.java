package dev.wisp.serving.runtime.process;

/** Why an instance could not be started, as a Knative-style reason and a message for users. */
public final class LaunchFailure extends Exception {

    private final String reason;

    public LaunchFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
