package dev.wisp.platform.cli;

import dev.wisp.api.autoscaling.GoDuration;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations on the command line in Knative's (Go's) form: {@code 90s}, {@code 1m30s}, {@code 500ms}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 60s, 1m30s or 500ms");
        }
    }
}
