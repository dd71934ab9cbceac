package dev.wisp.platform.cli;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code wisp up}'s global autoscaling flags: Knative's {@code config-autoscaler} settings, same
 * names and defaults, read into {@link AutoscalerDefaults}.
 */
public final class AutoscalerOptions {
    private static final AutoscalerDefaults KNATIVE = AutoscalerDefaults.knative();

    @Option(names = "--stable-window", description = "Global autoscaling window (Knative: 60s).", converter = DurationConverter.class)
    Duration stableWindow = KNATIVE.stableWindow();

    @Option(names = "--scale-to-zero-grace-period", description = "How long an inactive revision is kept before scaling to zero (Knative: 30s).",
            converter = DurationConverter.class)
    Duration scaleToZeroGrace = KNATIVE.scaleToZeroGracePeriod();

    @Option(names = "--scale-to-zero-pod-retention-period", description = "Least time the last instance is kept (Knative: 0s).",
            converter = DurationConverter.class)
    Duration podRetention = KNATIVE.scaleToZeroPodRetentionPeriod();

    @Option(names = "--scale-down-delay", description = "A scale-down is applied once wanted this long (Knative: 0s).",
            converter = DurationConverter.class)
    Duration scaleDownDelay = KNATIVE.scaleDownDelay();

    @Option(names = "--enable-scale-to-zero", arity = "1", description = "Whether revisions may scale to zero (Knative: true).")
    boolean enableScaleToZero = KNATIVE.enableScaleToZero();

    @Option(names = "--max-scale-up-rate", description = "Knative: 1000.")
    double maxScaleUpRate = KNATIVE.maxScaleUpRate();

    @Option(names = "--max-scale-down-rate", description = "Knative: 2.")
    double maxScaleDownRate = KNATIVE.maxScaleDownRate();

    @Option(names = "--panic-window-percentage", description = "Panic window as %% of the stable window (Knative: 10).")
    double panicWindowPercentage = KNATIVE.panicWindowPercentage();

    @Option(names = "--panic-threshold-percentage", description = "Panic at this %% of the ready capacity (Knative: 200).")
    double panicThresholdPercentage = KNATIVE.panicThresholdPercentage();

    @Option(names = "--target-burst-capacity", description = "Spare capacity wanted; -1 unlimited (Knative: 200).")
    double targetBurstCapacity = KNATIVE.targetBurstCapacity();

    @Option(names = "--container-concurrency-target-default", description = "Target when containerConcurrency is 0 (Knative: 100).")
    double concurrencyTargetDefault = KNATIVE.containerConcurrencyTargetDefault();

    @Option(names = "--container-concurrency-target-percentage", description = "Target utilization in %% (Knative: 70).")
    double concurrencyTargetPercentage = KNATIVE.targetUtilization() * 100;

    @Option(names = "--requests-per-second-target-default", description = "Target of metric rps (Knative: 200).")
    double rpsTargetDefault = KNATIVE.rpsTargetDefault();

    @Option(names = "--initial-scale", description = "Instances of a new revision (Knative: 1).")
    int initialScale = KNATIVE.initialScale();

    @Option(names = "--allow-zero-initial-scale", arity = "1", description = "Whether initial-scale 0 is allowed (Knative: false).")
    boolean allowZeroInitialScale = KNATIVE.allowZeroInitialScale();

    /**
     * The defaults these flags give.
     *
     * @throws CliException naming every flag out of Knative's range
     */
    public AutoscalerDefaults defaults() {
        AutoscalerDefaults defaults = new AutoscalerDefaults(stableWindow, scaleToZeroGrace, concurrencyTargetDefault,
                concurrencyTargetPercentage / 100, initialScale, allowZeroInitialScale, enableScaleToZero, maxScaleUpRate,
                maxScaleDownRate, panicWindowPercentage, panicThresholdPercentage, targetBurstCapacity, rpsTargetDefault,
                scaleDownDelay, podRetention);
        if (!defaults.problems().isEmpty()) {
            throw new CliException("invalid autoscaling flags: --" + String.join("; --", defaults.problems()));
        }
        return defaults;
    }
}
