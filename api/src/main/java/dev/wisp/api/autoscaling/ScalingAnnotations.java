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
     * Resolves a revision's scaling policy as Knative's KPA does ({@code MakeDecider},
     * {@code ResolveMetricTarget}, {@code ScaleBounds}).
     *
     * <ul>
     *   <li>metric: {@code metric} ({@code rps} or else concurrency);</li>
     *   <li>total: for concurrency the {@code target} annotation (capped by containerConcurrency when
     *       that is set), else containerConcurrency when &gt; 0, else the default target; for rps the
     *       {@code target} annotation, else the rps default;</li>
     *   <li>target: total times the utilization ({@code target-utilization-percentage}/100 or the
     *       default), floored at {@link #TARGET_MIN};</li>
     *   <li>stable window, panic window and threshold percentages, target burst capacity,
     *       scale-down delay and pod retention: the annotation, else the default;</li>
     *   <li>min/max scale from annotations (0 = none); min is at least 1 when scale to zero is disabled;</li>
     *   <li>initial scale: the annotation (0 only when allowed), else the default; never below
     *       min-scale nor above a non-zero max-scale; activation scale: the annotation, else 1.</li>
     * </ul>
     * Annotations are expected to have passed validation; a value that does not parse falls back to
     * the default rather than failing a reconcile.
     */
    public static ScalingPolicy policy(Map<String, String> annotations, long containerConcurrency,
                                       AutoscalerDefaults defaults) {
        ScalingMetric metric = lookup(annotations, METRIC).map(f -> RPS.equals(trim(f.value())))
                .orElse(false) ? ScalingMetric.RPS : ScalingMetric.CONCURRENCY;
        double total = total(annotations, metric, containerConcurrency, defaults);
        double utilization = number(annotations, TARGET_UTILIZATION_PERCENTAGE)
                .filter(p -> p > 0 && p <= 100).map(p -> p / 100).orElse(defaults.targetUtilization());
        double target = Math.max(TARGET_MIN, total * utilization);
        int minScale = integer(annotations, MIN_SCALE).orElse(0);
        if (!defaults.enableScaleToZero()) {
            minScale = Math.max(1, minScale);
        }
        int maxScale = integer(annotations, MAX_SCALE).orElse(0);
        int initialScale = initialScale(annotations, minScale, maxScale, defaults);
        return new ScalingPolicy(minScale, maxScale, initialScale, target,
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, containerConcurrency)),
                duration(annotations, WINDOW, defaults.stableWindow()), defaults.scaleToZeroGracePeriod(),
                metric, total,
                number(annotations, TARGET_BURST_CAPACITY).filter(t -> t >= 0 || t == -1).orElse(defaults.targetBurstCapacity()),
                number(annotations, PANIC_WINDOW_PERCENTAGE).filter(p -> p >= 1 && p <= 100).orElse(defaults.panicWindowPercentage()),
                number(annotations, PANIC_THRESHOLD_PERCENTAGE).filter(p -> p > 100).orElse(defaults.panicThresholdPercentage()),
                defaults.maxScaleUpRate(), defaults.maxScaleDownRate(),
                durationOrZero(annotations, SCALE_DOWN_DELAY, defaults.scaleDownDelay()),
                durationOrZero(annotations, SCALE_TO_ZERO_POD_RETENTION_PERIOD, defaults.scaleToZeroPodRetentionPeriod()),
                integer(annotations, ACTIVATION_SCALE).filter(a -> a >= 1).orElse(1));
    }

    private static double total(Map<String, String> annotations, ScalingMetric metric, long containerConcurrency,
                                AutoscalerDefaults defaults) {
        Optional<Double> annotated = number(annotations, TARGET).filter(t -> t > 0);
        if (metric == ScalingMetric.RPS) {
            return annotated.orElse(defaults.rpsTargetDefault());
        }
        double total = containerConcurrency > 0 ? containerConcurrency : defaults.containerConcurrencyTargetDefault();
        if (annotated.isPresent()) {
            total = containerConcurrency > 0 ? Math.min(annotated.get(), containerConcurrency) : annotated.get();
        }
        return total;
    }

    private static int initialScale(Map<String, String> annotations, int minScale, int maxScale,
                                    AutoscalerDefaults defaults) {
        int initialScale = integer(annotations, INITIAL_SCALE)
                .filter(i -> i > 0 || defaults.allowZeroInitialScale())
                .orElse(defaults.initialScale());
        initialScale = Math.max(initialScale, minScale);
        return maxScale > 0 ? Math.min(initialScale, maxScale) : initialScale;
    }

    private static Duration duration(Map<String, String> annotations, String key, Duration otherwise) {
        return lookup(annotations, key).flatMap(f -> duration(f.value())).orElse(otherwise);
    }

    private static Duration durationOrZero(Map<String, String> annotations, String key, Duration otherwise) {
        return lookup(annotations, key).flatMap(f -> {
            try {
                Duration d = GoDuration.parse(trim(f.value()));
                return d.isNegative() ? Optional.<Duration>empty() : Optional.of(d);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).orElse(otherwise);
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
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
