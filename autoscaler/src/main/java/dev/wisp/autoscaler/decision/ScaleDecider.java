package dev.wisp.autoscaler.decision;

import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.autoscaler.metrics.RevisionWindow;
import java.time.Instant;

/**
 * Decides how many instances a revision should run, as a pure function of its policy, its recent
 * traffic and time. The autoscaler calls it on every tick and on every wake-up poke; it holds no
 * state, so an implementation (the minimal one now, Knative's KPA later) can be swapped freely.
 */
public interface ScaleDecider {

    /** The scale a revision gets the moment it is tracked. */
    ScaleDecision initial(ScalingPolicy policy);

    /**
     * The scale a revision should run now.
     *
     * @param policy         how the revision scales
     * @param window         the revision's recent per-second concurrency
     * @param currentDesired the scale decided last time
     * @param lastActivity   the last time a request was waiting or traffic was seen; {@code null} if never
     * @param trackedAt      when the revision was first tracked
     * @param now            the time of the decision
     */
    ScaleDecision decide(ScalingPolicy policy, RevisionWindow window, int currentDesired,
                         Instant lastActivity, Instant trackedAt, Instant now);
}
