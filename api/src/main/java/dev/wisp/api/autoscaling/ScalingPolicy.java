package dev.wisp.api.autoscaling;

import java.time.Duration;

/**
 * How one revision scales, resolved from its {@code autoscaling.knative.dev/*} annotations and the
 * global defaults: everything Knative's KPA decider and its scale-to-zero logic need.
 *
 * @param minScale                      instances kept even without traffic (0 allows scale to zero)
 * @param maxScale                      upper bound on instances; 0 = unbounded
 * @param initialScale                  instances started when the revision is created
 * @param target                        per-instance target of the metric (after target utilization)
 * @param containerConcurrency          the hard per-instance limit; 0 = unlimited
 * @param stableWindow                  the window over which the metric is averaged (Knative's default 60 s)
 * @param scaleToZeroGracePeriod        how long a revision marked inactive is kept before scaling to zero
 * @param metric                        concurrency or rps
 * @param totalValue                    per-instance capacity (containerConcurrency, or the target before utilization)
 * @param targetBurstCapacity           spare capacity wanted (0 = none, -1 = unlimited)
 * @param panicWindowPercentage         the panic window as a percentage of the stable window (1-100)
 * @param panicThresholdPercentage      panic when the panic-window demand reaches this % of the ready capacity
 * @param maxScaleUpRate                at most this many times the ready instances in one decision
 * @param maxScaleDownRate              at least the ready instances divided by this in one decision
 * @param scaleDownDelay                how long a scale-down must be wanted before it is applied
 * @param scaleToZeroPodRetentionPeriod the least time the last instance is kept once the revision is inactive
 * @param activationScale               the least instances when scaling from zero (1 = none)
 */
public record ScalingPolicy(int minScale, int maxScale, int initialScale, double target,
                            int containerConcurrency, Duration stableWindow, Duration scaleToZeroGracePeriod,
                            ScalingMetric metric, double totalValue, double targetBurstCapacity,
                            double panicWindowPercentage, double panicThresholdPercentage,
                            double maxScaleUpRate, double maxScaleDownRate, Duration scaleDownDelay,
                            Duration scaleToZeroPodRetentionPeriod, int activationScale) {

    /** The one-second granularity of Knative's metric buckets: the smallest panic window. */
    public static final Duration BUCKET = Duration.ofSeconds(1);

    /**
     * A concurrency policy with Knative's defaults for everything else (panic 10% / 200%, rates
     * 1000 and 2, burst capacity 200, no delays, activation scale 1).
     */
    public ScalingPolicy(int minScale, int maxScale, int initialScale, double target, int containerConcurrency,
                         Duration stableWindow, Duration scaleToZeroGracePeriod) {
        this(minScale, maxScale, initialScale, target, containerConcurrency, stableWindow, scaleToZeroGracePeriod,
                ScalingMetric.CONCURRENCY, containerConcurrency > 0 ? containerConcurrency : 100, 200, 10, 200,
                1000, 2, Duration.ZERO, Duration.ZERO, 1);
    }

    /**
     * The panic window: the stable window times the panic percentage, rounded to whole seconds and
     * at least one second, as Knative computes it.
     */
    public Duration panicWindow() {
        double nanos = stableWindow.toNanos() * panicWindowPercentage / 100.0;
        long seconds = Math.round(nanos / 1e9);
        return seconds < 1 ? BUCKET : Duration.ofSeconds(seconds);
    }

    /** The panic threshold as a factor (2.0 for 200%). */
    public double panicThreshold() {
        return panicThresholdPercentage / 100.0;
    }
}
