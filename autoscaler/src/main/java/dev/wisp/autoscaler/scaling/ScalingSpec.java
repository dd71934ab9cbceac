package dev.wisp.autoscaler.scaling;

import java.time.Duration;

/**
 * What Knative's KPA decider needs to know about one revision (its {@code DeciderSpec}).
 *
 * @param targetValue         per-instance target (after target utilization)
 * @param totalValue          per-instance capacity (containerConcurrency, or its default)
 * @param targetBurstCapacity 0 = none, -1 = unlimited
 * @param panicThreshold      a factor: 2.0 for 200%
 * @param maxScaleUpRate      at most {@code ceil(rate × ready)} instances in one decision
 * @param maxScaleDownRate    at least {@code floor(ready / rate)} instances in one decision (when reachable)
 * @param stableWindow        how long panic mode lasts after the threshold was last crossed
 * @param scaleDownDelay      a scale-down is applied only once it was wanted for this long (0 = none)
 * @param activationScale     the least instances when there is any demand (1 = none)
 */
public record ScalingSpec(
        double targetValue,
        double totalValue,
        double targetBurstCapacity,
        double panicThreshold,
        double maxScaleUpRate,
        double maxScaleDownRate,
        Duration stableWindow,
        Duration scaleDownDelay,
        int activationScale) {
}
