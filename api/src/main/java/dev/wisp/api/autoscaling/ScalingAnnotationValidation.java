package dev.wisp.api.autoscaling;

import static dev.wisp.api.autoscaling.ScalingAnnotations.*;

import dev.wisp.api.validation.FieldErrors;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates {@code autoscaling.knative.dev/*} annotations as Knative's webhook does, with the field
 * path and the allowed range in every message. Supported: {@code class} (KPA only), {@code metric}
 * (concurrency or rps), {@code target}, {@code target-utilization-percentage}, {@code min-scale},
 * {@code max-scale}, {@code initial-scale}, {@code activation-scale}, {@code window},
 * {@code panic-window-percentage}, {@code panic-threshold-percentage}, {@code scale-down-delay},
 * {@code scale-to-zero-pod-retention-period}, {@code target-burst-capacity} and
 * {@code metric-aggregation-algorithm} (linear only). Other keys in the group are rejected as unknown.
 */
public final class ScalingAnnotationValidation {
    public static final Duration WINDOW_MIN = Duration.ofSeconds(6);
    public static final Duration WINDOW_MAX = Duration.ofHours(1);

    private static final Set<String> SUPPORTED = Set.of(CLASS, METRIC, TARGET, TARGET_UTILIZATION_PERCENTAGE,
            MIN_SCALE, MAX_SCALE, INITIAL_SCALE, ACTIVATION_SCALE, WINDOW, PANIC_WINDOW_PERCENTAGE,
            PANIC_THRESHOLD_PERCENTAGE, SCALE_DOWN_DELAY, SCALE_TO_ZERO_POD_RETENTION_PERIOD, TARGET_BURST_CAPACITY,
            METRIC_AGGREGATION_ALGORITHM);
    private static final String SUPPORTED_NAMES = "class, metric, target, target-utilization-percentage, min-scale, "
            + "max-scale, initial-scale, activation-scale, window, panic-window-percentage, panic-threshold-percentage, "
            + "scale-down-delay, scale-to-zero-pod-retention-period, target-burst-capacity, metric-aggregation-algorithm";

    private ScalingAnnotationValidation() {
    }

    /**
     * Adds an error for every invalid autoscaling annotation.
     *
     * @param path                 the annotations' path, e.g. {@code spec.template.metadata.annotations}
     * @param containerConcurrency the revision's containerConcurrency (0 = unlimited) the target must not exceed
     */
    public static void validate(String path, Map<String, String> annotations, long containerConcurrency,
                                AutoscalerDefaults defaults, FieldErrors errors) {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        checkKeys(path, annotations, errors);
        value(annotations, CLASS).ifPresent(f -> checkClass(path, f, errors));
        value(annotations, METRIC).ifPresent(f -> checkMetric(path, f, errors));
        checkScaleBounds(path, annotations, defaults, errors);
        value(annotations, TARGET).ifPresent(f -> checkTarget(path, f, containerConcurrency, errors));
        value(annotations, TARGET_UTILIZATION_PERCENTAGE).ifPresent(f -> checkUtilization(path, f, errors));
        value(annotations, WINDOW).ifPresent(f -> checkWindow(path, f, errors));
        value(annotations, TARGET_BURST_CAPACITY).ifPresent(f -> checkBurstCapacity(path, f, errors));
        value(annotations, PANIC_WINDOW_PERCENTAGE).ifPresent(f -> checkRange(path, f, 1, 100, errors));
        value(annotations, PANIC_THRESHOLD_PERCENTAGE).ifPresent(f -> checkRange(path, f, 110, 1000, errors));
        value(annotations, SCALE_DOWN_DELAY).ifPresent(f -> checkDelay(path, f, true, errors));
        value(annotations, SCALE_TO_ZERO_POD_RETENTION_PERIOD).ifPresent(f -> checkDelay(path, f, false, errors));
        value(annotations, METRIC_AGGREGATION_ALGORITHM).ifPresent(f -> checkAlgorithm(path, f, errors));
    }

    private static Optional<Found> value(Map<String, String> annotations, String key) {
        return lookup(annotations, key).map(f -> new Found(f.key(), f.value() == null ? "" : f.value().trim()));
    }

    private static void checkKeys(String path, Map<String, String> annotations, FieldErrors errors) {
        for (String key : annotations.keySet()) {
            if (!key.startsWith(GROUP + "/")) {
                continue;
            }
            String canonical = canonicalKey(key);
            if (!canonical.equals(key) && annotations.containsKey(canonical)) {
                errors.add(at(path, key), "set either " + canonical + " or " + key + ", not both");
            } else if (!SUPPORTED.contains(canonical)) {
                errors.add(at(path, key), "unknown autoscaling annotation; Wisp supports " + SUPPORTED_NAMES);
            }
        }
    }

    private static void checkClass(String path, Found f, FieldErrors errors) {
        if (f.value().equals(HPA)) {
            errors.add(at(path, f.key()), HPA + " is not supported by Wisp; use " + KPA);
        } else if (!f.value().equals(KPA)) {
            errors.add(at(path, f.key()), "must be " + KPA + ", got \"" + f.value() + "\"");
        }
    }

    private static void checkMetric(String path, Found f, FieldErrors errors) {
        if (!f.value().equals(RPS) && !f.value().equals(CONCURRENCY)) {
            errors.add(at(path, f.key()), "must be concurrency or rps, got \"" + f.value() + "\"");
        }
    }

    private static void checkScaleBounds(String path, Map<String, String> annotations, AutoscalerDefaults defaults,
                                         FieldErrors errors) {
        Optional<Found> min = value(annotations, MIN_SCALE);
        Optional<Found> max = value(annotations, MAX_SCALE);
        Optional<Integer> minValue = min.flatMap(f -> nonNegativeInt(path, f, errors));
        Optional<Integer> maxValue = max.flatMap(f -> nonNegativeInt(path, f, errors));
        if (minValue.isPresent() && maxValue.isPresent() && maxValue.get() > 0 && maxValue.get() < minValue.get()) {
            errors.add(at(path, max.get().key()), "max-scale " + maxValue.get() + " is less than min-scale " + minValue.get());
        }
        value(annotations, INITIAL_SCALE).ifPresent(f -> nonNegativeInt(path, f, errors).ifPresent(initial -> {
            if (initial == 0 && !defaults.allowZeroInitialScale()) {
                errors.add(at(path, f.key()), "0 is not allowed: the autoscaler's allow-zero-initial-scale is off");
            }
        }));
        value(annotations, ACTIVATION_SCALE).ifPresent(f -> nonNegativeInt(path, f, errors).ifPresent(activation -> {
            if (activation < 1) {
                errors.add(at(path, f.key()), "must be at least 1, got " + activation);
            } else if (maxValue.isPresent() && maxValue.get() > 0 && activation > maxValue.get()) {
                errors.add(at(path, f.key()), "activation-scale " + activation + " is above max-scale " + maxValue.get());
            }
        }));
    }

    private static Optional<Integer> nonNegativeInt(String path, Found f, FieldErrors errors) {
        try {
            int v = Integer.parseInt(f.value());
            if (v >= 0) {
                return Optional.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(at(path, f.key()), "must be a non-negative integer, got \"" + f.value() + "\"");
        return Optional.empty();
    }

    private static void checkTarget(String path, Found f, long containerConcurrency, FieldErrors errors) {
        Optional<Double> target = number(f.value());
        if (target.isEmpty() || target.get() < TARGET_MIN) {
            errors.add(at(path, f.key()), "must be a number of at least " + TARGET_MIN + ", got \"" + f.value() + "\"");
        } else if (containerConcurrency > 0 && target.get() > containerConcurrency) {
            errors.add(at(path, f.key()), "target " + f.value() + " is above containerConcurrency " + containerConcurrency);
        }
    }

    private static void checkUtilization(String path, Found f, FieldErrors errors) {
        Optional<Double> percent = number(f.value());
        if (percent.isEmpty() || percent.get() < 1 || percent.get() > 100) {
            errors.add(at(path, f.key()), "must be a number from 1 to 100, got \"" + f.value() + "\"");
        }
    }

    private static void checkWindow(String path, Found f, FieldErrors errors) {
        Duration window;
        try {
            window = GoDuration.parse(f.value());
        } catch (IllegalArgumentException e) {
            errors.add(at(path, f.key()), e.getMessage() + "; write it like 60s or 1m30s");
            return;
        }
        if (window.compareTo(WINDOW_MIN) < 0 || window.compareTo(WINDOW_MAX) > 0) {
            errors.add(at(path, f.key()), "must be between 6s and 1h, got " + f.value());
        } else if (window.getNano() != 0) {
            errors.add(at(path, f.key()), "must be a whole number of seconds, got " + f.value());
        }
    }

    private static void checkBurstCapacity(String path, Found f, FieldErrors errors) {
        Optional<Double> tbc = number(f.value());
        if (tbc.isEmpty() || (tbc.get() < 0 && tbc.get() != -1)) {
            errors.add(at(path, f.key()), "must be -1 or a non-negative number, got \"" + f.value() + "\"");
        }
    }

    private static void checkRange(String path, Found f, double min, double max, FieldErrors errors) {
        Optional<Double> v = number(f.value());
        if (v.isEmpty() || v.get() < min || v.get() > max) {
            errors.add(at(path, f.key()), "must be a number from " + (long) min + " to " + (long) max
                    + ", got \"" + f.value() + "\"");
        }
    }

    private static void checkDelay(String path, Found f, boolean wholeSeconds, FieldErrors errors) {
        Duration d;
        try {
            d = GoDuration.parse(f.value());
        } catch (IllegalArgumentException e) {
            errors.add(at(path, f.key()), e.getMessage() + "; write it like 30s or 1m30s");
            return;
        }
        if (d.isNegative() || d.compareTo(WINDOW_MAX) > 0) {
            errors.add(at(path, f.key()), "must be between 0s and 1h, got " + f.value());
        } else if (wholeSeconds && d.getNano() != 0) {
            errors.add(at(path, f.key()), "must be a whole number of seconds, got " + f.value());
        }
    }

    private static void checkAlgorithm(String path, Found f, FieldErrors errors) {
        if (!f.value().equals("linear")) {
            errors.add(at(path, f.key()), "only linear is supported by Wisp, got \"" + f.value() + "\"");
        }
    }

    private static Optional<Double> number(String value) {
        try {
            double v = Double.parseDouble(value);
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String at(String path, String key) {
        return path + "." + key;
    }
}
