package dev.wisp.api.autoscaling;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations written the way Go's {@code time.ParseDuration} reads them ({@code "60s"},
 * {@code "1m30s"}, {@code "1.5h"}, {@code "300ms"}), the format of Knative's duration annotations.
 */
public final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a Go duration string.
     *
     * @throws IllegalArgumentException naming what is wrong, for example a missing unit
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\": empty");
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw invalid(text, "no number");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(numberStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text, "expected a number at position " + numberStart);
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            String unit = text.substring(unitStart, i);
            Long perUnit = NANOS_PER_UNIT.get(unit);
            if (perUnit == null) {
                throw invalid(text, unit.isEmpty() ? "missing unit (use ns, us, ms, s, m or h)"
                        : "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** Formats a duration the way Go prints it ({@code 1m30s}, {@code 6s}, {@code 0s}, {@code 250ms}). */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
        Duration abs = d.abs();
        if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
            return out.append(subSecond(abs.toNanos())).toString();
        }
        long hours = abs.toHours();
        int minutes = abs.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(abs.toSecondsPart()).add(BigDecimal.valueOf(abs.toNanosPart(), 9));
        return out.append(seconds.stripTrailingZeros().toPlainString()).append('s').toString();
    }

    private static String subSecond(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        long perUnit = nanos < 1_000_000 ? 1_000 : 1_000_000;
        String amount = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(perUnit)).stripTrailingZeros().toPlainString();
        return amount + (perUnit == 1_000 ? "\u00b5s" : "ms");
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": " + why);
    }
}
