package dev.wisp.autoscaler.decision;

import dev.wisp.api.autoscaling.ScalingPolicy;

/**
 * The range a revision's scale is kept in: {@code [min, max]}, where a max of 0 means unbounded
 * (Knative's {@code min-scale} and {@code max-scale}).
 *
 * @param min the lowest scale (0 allows scale to zero)
 * @param max the highest scale, 0 for none
 */
public record ScaleBounds(int min, int max) {

    /** The bounds a scaling policy sets. */
    public static ScaleBounds of(ScalingPolicy policy) {
        return new ScaleBounds(policy.minScale(), policy.maxScale());
    }

    /** {@code scale} raised to {@link #min()} and lowered to {@link #max()} when a max is set. */
    public int clamp(int scale) {
        int capped = max > 0 ? Math.min(max, scale) : scale;
        return Math.max(min, capped);
    }
}
