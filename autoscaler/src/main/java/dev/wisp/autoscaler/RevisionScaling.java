package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.ScalingMetric;

/**
 * What the autoscaler last decided for one revision and what it saw, for {@code wisp describe} and
 * the {@code autoscaler_*} metrics.
 *
 * @param desired             the instances asked of the runtime
 * @param ready               the ready instances at the decision (Knative's actual_pods)
 * @param panic               whether the KPA was in panic mode
 * @param metric              what the revision scales on
 * @param stable              the metric over the stable window (NaN before any data)
 * @param panicValue          the metric over the panic window (NaN before any data)
 * @param target              the per-instance target
 * @param excessBurstCapacity spare capacity beyond the target burst capacity
 * @param activity            active, activating or inactive
 */
public record RevisionScaling(int desired, int ready, boolean panic, ScalingMetric metric, double stable,
                              double panicValue, double target, int excessBurstCapacity, String activity) {
}
