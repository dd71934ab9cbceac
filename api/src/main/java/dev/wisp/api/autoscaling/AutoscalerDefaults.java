package dev.wisp.api.autoscaling;

import java.time.Duration;

/**
 * The cluster-wide autoscaler settings (Knative's {@code config-autoscaler} ConfigMap) that apply
 * when a revision's {@code autoscaling.knative.dev/*} annotations do not say otherwise.
 *
 * @param stableWindow                      window over which traffic is averaged ({@code stable-window})
 * @param scaleToZeroGracePeriod            how long an idle revision is kept before scaling to zero
 * @param containerConcurrencyTargetDefault per-instance concurrency target when containerConcurrency is 0
 * @param targetUtilization                 fraction (0, 1] of the target to aim for ({@code container-concurrency-target-percentage}/100)
 * @param initialScale                      instances started for a new revision ({@code initial-scale})
 * @param allowZeroInitialScale             whether {@code initial-scale: 0} is allowed
 * @param enableScaleToZero                 whether revisions may scale to zero instances
 */
public record AutoscalerDefaults(Duration stableWindow, Duration scaleToZeroGracePeriod,
                                 double containerConcurrencyTargetDefault, double targetUtilization,
                                 int initialScale, boolean allowZeroInitialScale, boolean enableScaleToZero) {

    /** Knative Serving's shipped defaults. */
    public static AutoscalerDefaults knative() {
        return new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30), 100, 0.7, 1, false, true);
    }
}
