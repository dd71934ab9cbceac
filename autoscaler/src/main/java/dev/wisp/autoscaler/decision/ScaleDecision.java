package dev.wisp.autoscaler.decision;

/**
 * The outcome of one scale decision for a revision: how many instances it should run and why.
 *
 * @param desired             the number of instances the revision should run
 * @param reason              why (logged with the change)
 * @param observedConcurrency the average concurrency the decision was based on (0 for the initial scale)
 */
public record ScaleDecision(int desired, ScaleReason reason, double observedConcurrency) {

    public ScaleDecision {
        if (desired < 0) {
            throw new IllegalArgumentException("desired scale must not be negative but is " + desired);
        }
    }
}
