package dev.wisp.api.eventing.duck;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the ISO-8601 durations of a {@link DeliverySpec} ({@code PT0.2S}, {@code PT1M}, {@code P1DT2H}):
 * days, hours, minutes and (fractional) seconds, never negative.
 */
public final class IsoDurations {
    private IsoDurations() {
    }

    /** The duration {@code text} denotes; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Duration parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return Duration.parse(text.strip());
    }

    /** Empty when {@code text} is a non-negative ISO-8601 duration, else what is wrong with it. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must be an ISO-8601 duration such as PT0.2S or PT1M, got \"\"");
        }
        try {
            if (Duration.parse(text.strip()).isNegative()) {
                return Optional.of("must not be negative, got \"" + text + "\"");
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("must be an ISO-8601 duration such as PT0.2S or PT1M (days, hours, minutes, seconds), got \""
                    + text + "\"");
        }
    }
}
