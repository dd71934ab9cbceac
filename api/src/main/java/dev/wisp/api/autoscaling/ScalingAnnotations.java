package dev.wisp.api.autoscaling;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Knative's {@code autoscaling.knative.dev/*} annotation keys and their resolution, together with
 * the global {@link AutoscalerDefaults}, into a revision's {@link ScalingPolicy}.
 *
 * <p>Keys are read in Knative's current kebab-case spelling ({@code min-scale}) and, like Knative,
 * in the older camel-case spelling ({@code minScale}) when the new one is absent.
 */
public final class ScalingAnnotations {
    public static final String GROUP = "autoscaling.knative.dev";
    public static final String CLASS = GROUP + "/class";
    public static final String KPA = "kpa.autoscaling.knative.dev";
    public static final String HPA = "hpa.autoscaling.knative.dev";
    public static final String METRIC = GROUP + "/metric";
    public static final String CONCURRENCY = "concurrency";
    public static final String RPS = "rps";
    public static final String TARGET = GROUP + "/target";
    public static final String TARGET_UTILIZATION_PERCENTAGE = GROUP + "/target-utilization-percentage";
    public static final String MIN_SCALE = GROUP + "/min-scale";
    public static final String MAX_SCALE = GROUP + "/max-scale";
    public static final String INITIAL_SCALE = GROUP + "/initial-scale";
    public static final String WINDOW = GROUP + "/window";
    public static final String TARGET_BURST_CAPACITY = GROUP + "/target-burst-capacity";
    public static final String PANIC_WINDOW_PERCENTAGE = GROUP + "/panic-window-percentage";
    public static final String PANIC_THRESHOLD_PERCENTAGE = GROUP + "/panic-threshold-percentage";
    public static final String SCALE_DOWN_DELAY = GROUP + "/scale-down-delay";
    public static final String SCALE_TO_ZERO_POD_RETENTION_PERIOD = GROUP + "/scale-to-zero-pod-retention-period";
    public static final String ACTIVATION_SCALE = GROUP + "/activation-scale";
    public static final String METRIC_AGGREGATION_ALGORITHM = GROUP + "/metric-aggregation-algorithm";

    /** Knative's minimum per-instance target: small concurrencies times small utilizations go below 1. */
    public static final double TARGET_MIN = 0.01;

    /** The legacy camel-case spelling Knative still accepts for each kebab-case key. */
    private static final Map<String, String> LEGACY_KEYS = Map.of(
            MIN_SCALE, GROUP + "/minScale",
            MAX_SCALE, GROUP + "/maxScale",
            INITIAL_SCALE, GROUP + "/initialScale",
            TARGET_UTILIZATION_PERCENTAGE, GROUP + "/targetUtilizationPercentage",
            TARGET_BURST_CAPACITY, GROUP + "/targetBurstCapacity",
            PANIC_WINDOW_PERCENTAGE, GROUP + "/panicWindowPercentage",
            PANIC_THRESHOLD_PERCENTAGE, GROUP + "/panicThresholdPercentage",
            SCALE_DOWN_DELAY, GROUP + "/scaleDownDelay",
            SCALE_TO_ZERO_POD_RETENTION_PERIOD, GROUP + "/scaleToZeroPodRetentionPeriod");

    private ScalingAnnotations() {
    }

    /** An annotation found under {@code key} (the spelling actually used) with its value. */
    public record Found(String key, String value) {
    }

    /** Looks up an annotation by its kebab-case key, falling back to its legacy camel-case spelling. */
    public static Optional<Found> lookup(Map<String, String> annotations, String key) {
        if (annotations == null) {
            return Optional.empty();
        }
        if (annotations.containsKey(key)) {
            return Optional.of(new Found(key, annotations.get(key)));
        }
        String legacy = LEGACY_KEYS.get(key);
        if (legacy != null && annotations.containsKey(legacy)) {
            return Optional.of(new Found(legacy, annotations.get(legacy)));
        }
        return Optional.empty();
    }

    /** The kebab-case key a legacy camel-case spelling stands for, or the key itself. */
    public static String canonicalKey(String key) {
        return LEGACY_KEYS.entrySet().stream().filter(e -> e.getValue().equals(key))
                .map(Map.Entry::getKey).findFirst().orElse(key);
    }

    /**
     * Resolves a revision's scaling policy as Knative's KPA does.
     *
     * <ul>
     *   <li>target: the {@code target} annotation (capped by containerConcurrency when that is set),
     *       else containerConcurrency when &gt; 0, else the default target; then multiplied by the
     *       utilization ({@code target-utilization-percentage}/100 or the default) and floored at
     *       {@link #TARGET_MIN};</li>
     *   <li>stable window: the {@code window} annotation, else the default;</li>
     *   <li>min/max scale from annotations (0 = none); min is at least 1 when scale to zero is disabled;</li>
     *   <li>initial scale: the annotation (0 only when allowed), else the default; never below
     *       min-scale nor above a non-zero max-scale.</li>
     * </ul>
     * Annotations are expected to have passed validation; a value that does not parse falls back to
     * the default rather than failing a reconcile.
     */
    public static ScalingPolicy policy(Map<String, String> annotations, long containerConcurrency,
                                       AutoscalerDefaults defaults) {
        double total = containerConcurrency > 0 ? containerConcurrency : defaults.containerConcurrencyTargetDefault();
        Optional<Double> annotatedTarget = number(annotations, TARGET).filter(t -> t > 0);
        if (annotatedTarget.isPresent()) {
            total = containerConcurrency > 0 ? Math.min(annotatedTarget.get(), containerConcurrency) : annotatedTarget.get();
        }
        double utilization = number(annotations, TARGET_UTILIZATION_PERCENTAGE)
                .filter(p -> p > 0 && p <= 100).map(p -> p / 100).orElse(defaults.targetUtilization());
        double target = Math.max(TARGET_MIN, total * utilization);

        int minScale = integer(annotations, MIN_SCALE).orElse(0);
        if (!defaults.enableScaleToZero()) {
            minScale = Math.max(1, minScale);
        }
        int maxScale = integer(annotations, MAX_SCALE).orElse(0);
        int initialScale = integer(annotations, INITIAL_SCALE)
                .filter(i -> i > 0 || defaults.allowZeroInitialScale())
                .orElse(defaults.initialScale());
        initialScale = Math.max(initialScale, minScale);
        if (maxScale > 0) {
            initialScale = Math.min(initialScale, maxScale);
        }
        Duration window = lookup(annotations, WINDOW).flatMap(f -> duration(f.value())).orElse(defaults.stableWindow());
        return new ScalingPolicy(minScale, maxScale, initialScale, target,
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, containerConcurrency)), window,
                defaults.scaleToZeroGracePeriod());
    }

    private static Optional<Double> number(Map<String, String> annotations, String key) {
        return lookup(annotations, key).flatMap(f -> {
            try {
                double v = Double.parseDouble(f.value().trim());
                return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
            } catch (NumberFormatException | NullPointerException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Integer> integer(Map<String, String> annotations, String key) {
        return lookup(annotations, key).flatMap(f -> {
            try {
                int v = Integer.parseInt(f.value().trim());
                return v >= 0 ? Optional.of(v) : Optional.empty();
            } catch (NumberFormatException | NullPointerException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Duration> duration(String value) {
        try {
            Duration d = GoDuration.parse(value);
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
