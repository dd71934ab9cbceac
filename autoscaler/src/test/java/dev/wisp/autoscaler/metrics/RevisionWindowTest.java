package dev.wisp.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionWindowTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:10:00.500Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));

    record Case(String name, Map<Instant, Double> samples, Duration window, Instant trackedAt, double expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no samples", Map.of(), MINUTE, LONG_AGO, 0),
                new Case("steady 25 over the whole window", everySecond(25, 60), MINUTE, LONG_AGO, 25),
                new Case("missing seconds count as 0", everySecond(20, 30), MINUTE, LONG_AGO, 10),
                new Case("one second of 60 in the window", Map.of(NOW, 60.0), MINUTE, LONG_AGO, 1),
                new Case("the oldest second still in the window", Map.of(NOW.minusSeconds(59), 60.0), MINUTE,
                        LONG_AGO, 1),
                new Case("a second just out of the window", Map.of(NOW.minusSeconds(60), 60.0), MINUTE, LONG_AGO, 0),
                new Case("samples after now are not counted", Map.of(NOW.plusSeconds(1), 60.0), MINUTE, LONG_AGO, 0),
                new Case("fresh revision: averaged over the seconds since tracking", everySecond(25, 6), MINUTE,
                        NOW.minusSeconds(5), 25),
                new Case("fresh revision: missing seconds since tracking count as 0", everySecond(20, 5), MINUTE,
                        NOW.minusSeconds(9), 10),
                new Case("fresh revision: samples before tracking are not counted",
                        Map.of(NOW.minusSeconds(3), 100.0, NOW, 10.0), MINUTE, NOW.minusSeconds(1), 5),
                new Case("now before tracking", Map.of(NOW, 10.0), MINUTE, NOW.plusSeconds(5), 0),
                new Case("a 6 s window", everySecond(12, 12), Duration.ofSeconds(6), LONG_AGO, 12),
                new Case("a 6 s window with half its seconds", everySecond(12, 3), Duration.ofSeconds(6), LONG_AGO, 6),
                new Case("a window of 1.5 s spans 2 seconds", Map.of(NOW, 10.0), Duration.ofMillis(1500),
                        LONG_AGO, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void averagesConcurrency(Case c) {
        double average = RevisionWindow.of(c.samples()).averageConcurrency(c.window(), c.trackedAt(), NOW);

        assertThat(average).isCloseTo(c.expected(), within(1e-9));
    }

    @Test
    void samplesOfTheSameSecondAreSummed() {
        Instant second = Instant.parse("2030-01-01T00:10:00Z");
        RevisionWindow window = RevisionWindow.of(Map.of(second, 3.0, second.plusMillis(999), 4.0));

        assertThat(window.bucketCount()).isEqualTo(1);
        assertThat(window.averageConcurrency(Duration.ofSeconds(1), LONG_AGO, NOW)).isEqualTo(7.0);
    }

    /** {@code concurrency} for each of the {@code seconds} seconds ending with now's. */
    private static Map<Instant, Double> everySecond(double concurrency, int seconds) {
        Map<Instant, Double> samples = new LinkedHashMap<>();
        for (int i = 0; i < seconds; i++) {
            samples.put(NOW.minusSeconds(i), concurrency);
        }
        return samples;
    }
}
