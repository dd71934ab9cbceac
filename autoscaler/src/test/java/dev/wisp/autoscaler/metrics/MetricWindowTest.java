package dev.wisp.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Knative's linear window average, with time injected: writes at seconds relative to NOW. */
class MetricWindowTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:10:00.400Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);

    /** A value recorded {@code secondsAgo} before NOW. */
    record Write(long secondsAgo, double value) {
    }

    record Case(String name, Duration window, List<Write> writes, double average, boolean empty) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing recorded: 0 and no data", MINUTE, List.of(), 0, true),
                new Case("steady 25 over the whole window", MINUTE, everySecond(0, 59, 25), 25, false),
                new Case("partially filled: mean since the first write, not diluted", MINUTE, everySecond(0, 5, 10), 10, false),
                new Case("gaps between writes count as 0", MINUTE, List.of(new Write(9, 20), new Write(0, 20)), 4, false),
                new Case("seconds after the last write are left out", MINUTE, everySecond(10, 19, 10), 10, false),
                new Case("seconds after the last write drop out of a full window", MINUTE,
                        concat(everySecond(30, 89, 6), List.of()), 6, false),
                new Case("last write a whole window ago: 0 but still data", MINUTE, List.of(new Write(60, 60)), 0, false),
                new Case("last write more than a window ago: no data", MINUTE, List.of(new Write(61, 60)), 0, true),
                new Case("same second is summed", MINUTE, List.of(new Write(0, 3), new Write(0, 4)), 7, false),
                new Case("a write older than the window is dropped", MINUTE,
                        List.of(new Write(0, 10), new Write(70, 1000)), 10, false),
                new Case("a window without data starts a new run", MINUTE,
                        List.of(new Write(100, 50), new Write(0, 10)), 10, false),
                new Case("6 s panic window of a ramp", Duration.ofSeconds(6), ramp(), 7.5, false),
                new Case("floored to 6 decimals", MINUTE, List.of(new Write(2, 1), new Write(0, 0)), 0.333333, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void averagesLikeKnativesLinearBuckets(Case c) {
        MetricWindow window = new MetricWindow(c.window());
        for (Write w : c.writes()) {
            window.record(NOW.minusSeconds(w.secondsAgo()), w.value());
        }

        assertThat(window.average(NOW)).isEqualTo(c.average());
        assertThat(window.isEmpty(NOW)).isEqualTo(c.empty());
    }

    @Test
    void averageFollowsTheClock() {
        MetricWindow window = new MetricWindow(Duration.ofSeconds(10));
        Instant start = NOW.minusSeconds(100);
        for (int s = 0; s < 10; s++) {
            window.record(start.plusSeconds(s), 8);
        }
        // Idle seconds recorded as zeros (what the autoscaler does while instances are ready).
        for (int s = 10; s < 15; s++) {
            window.record(start.plusSeconds(s), 0);
        }

        assertThat(window.average(start.plusSeconds(14))).isEqualTo(4);
        assertThat(window.average(start.plusSeconds(17))).isEqualTo(2.285714);
        assertThat(window.average(start.plusSeconds(19))).isEqualTo(0);
        assertThat(window.isEmpty(start.plusSeconds(24))).isFalse();
        assertThat(window.isEmpty(start.plusSeconds(25))).isTrue();
    }

    @Test
    void resizingKeepsTheNewestSeconds() {
        MetricWindow window = new MetricWindow(MINUTE);
        window.record(NOW.minusSeconds(20), 100);
        window.record(NOW.minusSeconds(2), 6);
        window.record(NOW.minusSeconds(1), 6);
        window.record(NOW, 6);

        window.resize(Duration.ofSeconds(6));

        assertThat(window.window()).isEqualTo(Duration.ofSeconds(6));
        assertThat(window.average(NOW)).isEqualTo(3);
    }

    private static List<Write> everySecond(long fromAgo, long toAgo, double value) {
        return java.util.stream.LongStream.rangeClosed(fromAgo, toAgo).mapToObj(s -> new Write(toAgo - s + fromAgo, value))
                .sorted((a, b) -> Long.compare(b.secondsAgo(), a.secondsAgo())).toList();
    }

    private static List<Write> ramp() {
        return java.util.stream.LongStream.rangeClosed(0, 9).mapToObj(s -> new Write(9 - s, s + 1)).toList();
    }

    private static List<Write> concat(List<Write> a, List<Write> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
