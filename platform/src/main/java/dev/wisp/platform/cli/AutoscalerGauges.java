package dev.wisp.platform.cli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code autoscaler_*} gauges of one revision read from Prometheus text (the API port's
 * {@code /q/metrics}), keyed by their name without the {@code autoscaler_} prefix.
 */
final class AutoscalerGauges {
    private static final Pattern SAMPLE = Pattern.compile("^autoscaler_(\\w+)\\{([^}]*)\\}\\s+(\\S+)");

    private final Map<String, Double> values;

    private AutoscalerGauges(Map<String, Double> values) {
        this.values = values;
    }

    /** The gauges of {@code namespace/revision} in {@code text}. */
    static AutoscalerGauges of(String text, String namespace, String revision) {
        Map<String, Double> values = new HashMap<>();
        String ns = "namespace_name=\"" + namespace + "\"";
        String rev = "revision_name=\"" + revision + "\"";
        for (String line : text.split("\\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(2).contains(ns) && m.group(2).contains(rev)) {
                values.put(m.group(1), parse(m.group(3)));
            }
        }
        return new AutoscalerGauges(values);
    }

    private static double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The gauge's value, NaN when absent. */
    double value(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    /** A whole number, or "-" when unknown. */
    String count(String name) {
        double v = value(name);
        return Double.isNaN(v) ? "-" : Long.toString(Math.round(v));
    }

    /** Two decimals, or "-" when unknown. */
    String decimal(String name) {
        double v = value(name);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
