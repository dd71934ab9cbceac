package dev.wisp.autoscaler.decision;

import java.util.Locale;

/** Why a scale decision was made; logged as {@code reason=<label>} with every scale change. */
public enum ScaleReason {
    /** The revision was just tracked: its initial scale. */
    INITIAL,
    /** A request or traffic arrived for a revision at zero: wake it up. */
    ACTIVATION,
    /** The observed concurrency over the stable window asks for this many instances. */
    TRAFFIC,
    /** No traffic: down to at most one instance during the grace period, then to zero. */
    IDLE,
    /** The wanted scale was raised to min-scale or lowered to max-scale. */
    BOUNDS;

    /** The lower-case label used in logs, e.g. {@code idle}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
