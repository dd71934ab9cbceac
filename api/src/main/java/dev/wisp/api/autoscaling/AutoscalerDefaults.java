package dev.wisp.api.autoscaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-wide autoscaler settings (Knative's {@code config-autoscaler} ConfigMap, same names
 * and defaults) that apply when a revision's {@code autoscaling.knative.dev/*} annotations do not
 * say otherwise.
 *
 * @param stableWindow                      {@code stable-window}: window over which traffic is averaged
 * @param scaleToZeroGracePeriod            {@code scale-to-zero-grace-period}: an inactive revision is kept this long
 * @param containerConcurrencyTargetDefault {@code container-concurrency-target-default}: target when containerConcurrency is 0
 * @param targetUtilization                 {@code container-concurrency-target-percentage}/100, in (0, 1]
 * @param initialScale                      {@code initial-scale}: instances started for a new revision
 * @param allowZeroInitialScale             {@code allow-zero-initial-scale}
 * @param enableScaleToZero                 {@code enable-scale-to-zero}
 * @param maxScaleUpRate                    {@code max-scale-up-rate} (&gt; 1)
 * @param maxScaleDownRate                  {@code max-scale-down-rate} (&gt; 1)
 * @param panicWindowPercentage             {@code panic-window-percentage} (1-100)
 * @param panicThresholdPercentage          {@code panic-threshold-percentage} (110-1000)
 * @param targetBurstCapacity               {@code target-burst-capacity} (&gt;= 0, or -1 for unlimited)
 * @param rpsTargetDefault                  {@code requests-per-second-target-default}
 * @param scaleDownDelay                    {@code scale-down-delay}
 * @param scaleToZeroPodRetentionPeriod     {@code scale-to-zero-pod-retention-period}
 */
public record AutoscalerDefaults(Duration stableWindow, Duration scaleToZeroGracePeriod,
                                 double containerConcurrencyTargetDefault, double targetUtilization,
                                 int initialScale, boolean allowZeroInitialScale, boolean enableScaleToZero,
                                 double maxScaleUpRate, double maxScaleDownRate, double panicWindowPercentage,
                                 double panicThresholdPercentage, double targetBurstCapacity, double rpsTargetDefault,
                                 Duration scaleDownDelay, Duration scaleToZeroPodRetentionPeriod) {

    /** The first seven settings, with Knative's defaults for the KPA tuning ones. */
    public AutoscalerDefaults(Duration stableWindow, Duration scaleToZeroGracePeriod,
                              double containerConcurrencyTargetDefault, double targetUtilization,
                              int initialScale, boolean allowZeroInitialScale, boolean enableScaleToZero) {
        this(stableWindow, scaleToZeroGracePeriod, containerConcurrencyTargetDefault, targetUtilization, initialScale,
                allowZeroInitialScale, enableScaleToZero, 1000, 2, 10, 200, 200, 200, Duration.ZERO, Duration.ZERO);
    }

    /** Knative Serving's shipped defaults. */
    public static AutoscalerDefaults knative() {
        return new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30), 100, 0.7, 1, false, true);
    }

    /**
     * What is wrong with these settings, one message per setting naming it and the allowed range;
     * empty when they are valid. Wisp accepts windows and grace periods shorter than Knative's 6 s
     * (tests and demos use them) but not below one second nor negative.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, stableWindow != null && stableWindow.compareTo(Duration.ofSeconds(1)) >= 0
                && stableWindow.compareTo(Duration.ofHours(1)) <= 0 && stableWindow.getNano() == 0,
                "stable-window", stableWindow, "whole seconds from 1s to 1h");
        check(problems, nonNegative(scaleToZeroGracePeriod), "scale-to-zero-grace-period", scaleToZeroGracePeriod, "not negative");
        check(problems, targetUtilization > 0 && targetUtilization <= 1, "container-concurrency-target-percentage",
                targetUtilization * 100, "in (0, 100]");
        check(problems, containerConcurrencyTargetDefault * targetUtilization >= ScalingAnnotations.TARGET_MIN,
                "container-concurrency-target-default", containerConcurrencyTargetDefault, "a target of at least 0.01");
        check(problems, rpsTargetDefault >= ScalingAnnotations.TARGET_MIN, "requests-per-second-target-default",
                rpsTargetDefault, "at least 0.01");
        check(problems, initialScale > 0 || (initialScale == 0 && allowZeroInitialScale), "initial-scale", initialScale,
                "at least 1 (0 only with allow-zero-initial-scale)");
        check(problems, maxScaleUpRate > 1, "max-scale-up-rate", maxScaleUpRate, "greater than 1");
        check(problems, maxScaleDownRate > 1, "max-scale-down-rate", maxScaleDownRate, "greater than 1");
        check(problems, panicWindowPercentage >= 1 && panicWindowPercentage <= 100, "panic-window-percentage",
                panicWindowPercentage, "in [1, 100]");
        check(problems, panicThresholdPercentage >= 110 && panicThresholdPercentage <= 1000,
                "panic-threshold-percentage", panicThresholdPercentage, "in [110, 1000]");
        check(problems, targetBurstCapacity >= 0 || targetBurstCapacity == -1, "target-burst-capacity",
                targetBurstCapacity, "non-negative, or -1 for unlimited");
        check(problems, nonNegative(scaleDownDelay) && scaleDownDelay.getNano() == 0, "scale-down-delay", scaleDownDelay,
                "whole seconds, not negative");
        check(problems, nonNegative(scaleToZeroPodRetentionPeriod), "scale-to-zero-pod-retention-period",
                scaleToZeroPodRetentionPeriod, "not negative");
        return problems;
    }

    private static boolean nonNegative(Duration d) {
        return d != null && !d.isNegative();
    }

    private static void check(List<String> problems, boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            Object shown = value instanceof Duration d ? GoDuration.format(d) : value;
            problems.add(name + " = " + shown + ", must be " + allowed);
        }
    }
}
