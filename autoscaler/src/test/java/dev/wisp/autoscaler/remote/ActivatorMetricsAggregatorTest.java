package dev.wisp.autoscaler.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivatorMetricsAggregatorTest {
    private static final long BASE = 1_700_000_000L;
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");
    private static final RevisionKey OTHER = new RevisionKey("default", "other-00001");

    /** Either a report received at a time, or a settle at a time with the samples it must hand out. */
    sealed interface Step permits Received, Settled {
    }

    record Received(double at, ActivatorReport report) implements Step {
    }

    record Settled(double at, List<RevisionMetric> expected) implements Step {
    }

    record Case(String name, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("activators A and B in the same second are summed, once both reported through it", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Received(11.4, report("B", 11.4, sample(HELLO, 10.002, 2, 2))),
                        new Settled(11.5, List.of(settled(HELLO, 10, 3, 3))),
                        new Received(12.3, report("A", 12.3, sample(HELLO, 11.001, 1.5, 3))),
                        new Settled(12.35, List.of()),
                        new Received(12.4, report("B", 12.4, sample(HELLO, 11.002, 0.5, 1))),
                        new Settled(12.45, List.of(settled(HELLO, 11, 2, 4))))),
                new Case("an activator without traffic reports empty batches and is not waited for", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Received(11.2, report("B", 11.2)),
                        new Settled(11.5, List.of(settled(HELLO, 10, 1, 1))))),
                new Case("a silent activator holds a second back only until it expires", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Received(11.4, report("B", 11.4, sample(HELLO, 10.002, 2, 2))),
                        new Settled(11.5, List.of(settled(HELLO, 10, 3, 3))),
                        new Received(12.3, report("A", 12.3, sample(HELLO, 11.001, 1.5, 3))),
                        new Settled(13.0, List.of()),
                        new Settled(14.5, List.of(settled(HELLO, 11, 1.5, 3))),
                        new Received(14.6, report("A", 14.6, sample(HELLO, 14.001, 4, 4))),
                        new Settled(15.1, List.of()),
                        new Received(15.3, report("A", 15.3)),
                        new Settled(15.4, List.of(settled(HELLO, 14, 4, 4))))),
                new Case("out-of-order seconds are each summed into their own second", List.of(
                        new Received(13.3, report("A", 13.3, sample(HELLO, 12.001, 2, 2))),
                        new Received(13.35, report("A", 12.3, sample(HELLO, 11.001, 1, 1))),
                        new Settled(13.4, List.of(settled(HELLO, 11, 1, 1), settled(HELLO, 12, 2, 2))))),
                new Case("a retried report counts once", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Settled(11.4, List.of(settled(HELLO, 10, 1, 1))),
                        new Received(12.0, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Settled(12.1, List.of()))),
                new Case("a late activator's sample for a settled second is handed out on its own", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1))),
                        new Settled(11.35, List.of(settled(HELLO, 10, 1, 1))),
                        new Received(11.5, report("B", 11.5, sample(HELLO, 10.2, 2, 5))),
                        new Settled(11.6, List.of(settled(HELLO, 10, 2, 5))))),
                new Case("revisions are kept apart", List.of(
                        new Received(11.3, report("A", 11.3, sample(HELLO, 10.001, 1, 1), sample(OTHER, 10.001, 4, 8))),
                        new Received(11.4, report("B", 11.4, sample(OTHER, 10.003, 1, 1))),
                        new Settled(11.5, List.of(settled(HELLO, 10, 1, 1), settled(OTHER, 10, 5, 9))))),
                new Case("samples older than the retention are dropped", List.of(
                        new Received(100, report("A", 100, sample(HELLO, 10.001, 1, 1))),
                        new Settled(100.1, List.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void settlesTheSumOfAllActivatorsPerRevisionAndSecond(Case c) {
        ActivatorMetricsAggregator aggregator = new ActivatorMetricsAggregator(Duration.ofSeconds(3), Duration.ofSeconds(60));
        for (Step step : c.steps()) {
            if (step instanceof Received received) {
                aggregator.accept(received.report(), instant(received.at()));
            } else if (step instanceof Settled settled) {
                assertThat(aggregator.settle(instant(settled.at()))).as("settled at %s", settled.at())
                        .isEqualTo(settled.expected());
            }
        }
    }

    static ActivatorReport report(String activator, double through, RevisionMetric... samples) {
        return new ActivatorReport(activator, instant(through), List.of(samples), List.of());
    }

    static RevisionMetric sample(RevisionKey revision, double at, double concurrency, long requests) {
        return new RevisionMetric(revision, instant(at), concurrency, requests);
    }

    static RevisionMetric settled(RevisionKey revision, long second, double concurrency, long requests) {
        return new RevisionMetric(revision, Instant.ofEpochSecond(BASE + second), concurrency, requests);
    }

    static Instant instant(double seconds) {
        return Instant.ofEpochMilli(Math.round((BASE + seconds) * 1000));
    }
}
