package dev.wisp.autoscaler.decision;

import java.util.Locale;

/** Whether a revision is serving, starting or idle: Knative's PodAutoscaler {@code Active} condition. */
public enum Activity {
    /** Scaled up, waiting for enough instances to be ready (Active=Unknown). */
    ACTIVATING,
    /** Enough instances are ready (Active=True). */
    ACTIVE,
    /** Idle: the activator holds its traffic; it scales to zero after the grace period (Active=False). */
    INACTIVE;

    /** The lower-case label used in logs and status, e.g. {@code inactive}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
