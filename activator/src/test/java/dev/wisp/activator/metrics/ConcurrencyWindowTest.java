package dev.wisp.activator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrencyWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** One change: at {@code millis} after the window start a request arrives (+1) or finishes (-1). */
    record Event(long millis, int delta) {
    }

    record Case(String name, int alreadyInFlight, List<Event> events, long closeAtMillis,
                double expectedAverage, long expectedRequests) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no traffic", 0, List.of(), 1000, 0.0, 0),
                new Case("one request the whole second", 0, List.of(arrive(0)), 1000, 1.0, 1),
                new Case("one request for half the second", 0, List.of(arrive(0), finish(500)), 1000, 0.5, 1),
                new Case("two overlapping requests", 0, List.of(arrive(0), arrive(250), finish(750), finish(1000)),
                        1000, 1.5, 2),
                new Case("request arriving at the end counts but weighs nothing", 0, List.of(arrive(1000)), 1000,
                        0.0, 1),
                new Case("requests carried over from the previous window", 3, List.of(finish(500)), 1000, 2.5, 0),
                new Case("ten short requests of 10ms each", 0, List.of(arrive(0), finish(10), arrive(100), finish(110),
                        arrive(200), finish(210), arrive(300), finish(310), arrive(400), finish(410), arrive(500),
                        finish(510), arrive(600), finish(610), arrive(700), finish(710), arrive(800), finish(810),
                        arrive(900), finish(910)), 1000, 0.1, 10),
                new Case("window of two seconds", 0, List.of(arrive(0), finish(1000)), 2000, 0.5, 1),
                new Case("zero-length window reports what is in flight", 2, List.of(), 0, 2.0, 0),
                new Case("more finishes than arrivals never go negative", 0, List.of(finish(0), arrive(500)), 1000,
                        0.5, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void averagesInFlightRequestsOverTime(Case c) {
        Instant previousStart = T0.minusSeconds(1);
        ConcurrencyWindow window = new ConcurrencyWindow(previousStart);
        for (int i = 0; i < c.alreadyInFlight(); i++) {
            window.arrived(previousStart);
        }
        window.close(T0);
        for (Event event : c.events()) {
            Instant at = T0.plusMillis(event.millis());
            if (event.delta() > 0) {
                window.arrived(at);
            } else {
                window.finished(at);
            }
        }

        ConcurrencyWindow.Sample sample = window.close(T0.plusMillis(c.closeAtMillis()));

        assertThat(sample.averageConcurrency()).isCloseTo(c.expectedAverage(), within(1e-9));
        assertThat(sample.requests()).isEqualTo(c.expectedRequests());
    }

    private static Event arrive(long millis) {
        return new Event(millis, +1);
    }

    private static Event finish(long millis) {
        return new Event(millis, -1);
    }
}
