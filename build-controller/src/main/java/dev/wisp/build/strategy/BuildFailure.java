package dev.wisp.build.strategy;

/**
 * A build that cannot go on, with a Knative-style reason ({@code StepFailed}, {@code FetchFailed},
 * {@code StrategyNotDetected}, ...) and a message for the Build's Succeeded condition.
 */
public final class BuildFailure extends Exception {
    private final String reason;

    public BuildFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BuildFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
