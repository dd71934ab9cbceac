package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RestartBackoffTest {

    private static final RestartBackoff BACKOFF = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    record DelayCase(String name, int crashes, Duration expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DelayCase> delays() {
        return Stream.of(
                new DelayCase("first crash waits initial", 1, Duration.ofSeconds(1)),
                new DelayCase("second crash doubles", 2, Duration.ofSeconds(2)),
                new DelayCase("fifth crash", 5, Duration.ofSeconds(16)),
                new DelayCase("sixth crash capped", 6, Duration.ofSeconds(30)),
                new DelayCase("many crashes capped", 1000, Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delays")
    void delay(DelayCase c) {
        assertThat(BACKOFF.delay(c.crashes())).isEqualTo(c.expected());
    }

    record ResetCase(String name, Duration readyFor, boolean resets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ResetCase> resets() {
        return Stream.of(
                new ResetCase("never ready", null, false),
                new ResetCase("ready briefly", Duration.ofSeconds(5), false),
                new ResetCase("ready as long as max", Duration.ofSeconds(30), true),
                new ResetCase("ready for long", Duration.ofMinutes(10), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resets")
    void resetsAfterStableReadiness(ResetCase c) {
        assertThat(BACKOFF.resetsAfter(c.readyFor())).isEqualTo(c.resets());
    }
}
