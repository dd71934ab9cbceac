package dev.wisp.activator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's shards (one per event loop) merge into what a single ledger would report. */
class TrafficLedgerShardsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");
    private static final RevisionKey WORLD = new RevisionKey("default", "world-00001");
    private static final String A = "loop-a";
    private static final String B = "loop-b";

    /** A request arriving ({@code arrival}) or finishing at {@code millis}, counted for {@code owner}. */
    record Step(long millis, String owner, RevisionKey revision, boolean arrival) {
    }

    /** What one drain should report for a revision. */
    record Expected(RevisionKey revision, double averageConcurrency, long requests) {
    }

    /** Steps replayed in order, a drain at every whole second up to {@code expected.size()}. */
    record Case(String name, List<Step> steps, List<List<Expected>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("two owners overlap on one revision: averages and requests add up",
                        List.of(in(A, HELLO, 0), in(B, HELLO, 250), out(A, HELLO, 500), out(B, HELLO, 1000)),
                        List.of(List.of(m(HELLO, 1.25, 2)), List.of(m(HELLO, 0, 0)), List.of())),
                new Case("traffic moves from one owner to the other: no zeros in between",
                        List.of(in(A, HELLO, 0), out(A, HELLO, 500), in(B, HELLO, 1500), out(B, HELLO, 1750)),
                        List.of(List.of(m(HELLO, 0.5, 1)), List.of(m(HELLO, 0.25, 1)), List.of(m(HELLO, 0, 0)),
                                List.of())),
                new Case("a long request on one owner keeps the revision reported after the other went idle",
                        List.of(in(A, HELLO, 0), in(B, HELLO, 0), out(B, HELLO, 100)),
                        List.of(List.of(m(HELLO, 1.1, 2)), List.of(m(HELLO, 1.0, 0)), List.of(m(HELLO, 1.0, 0)))),
                new Case("revisions on different owners are reported apart",
                        List.of(in(B, HELLO, 0), in(A, WORLD, 100), out(A, WORLD, 300), out(B, HELLO, 500)),
                        List.of(List.of(m(HELLO, 0.5, 1), m(WORLD, 0.2, 1)),
                                List.of(m(HELLO, 0, 0), m(WORLD, 0, 0)), List.of())),
                new Case("an owner first seen mid-interval counts from the interval's start",
                        List.of(in(A, HELLO, 1200), out(A, HELLO, 1400), in(B, HELLO, 1500), out(B, HELLO, 2000)),
                        List.of(List.of(), List.of(m(HELLO, 0.7, 2)), List.of(m(HELLO, 0, 0)), List.of())),
                new Case("a revision back on another owner after going idle is reported again",
                        List.of(in(A, HELLO, 0), out(A, HELLO, 0), in(B, HELLO, 3500)),
                        List.of(List.of(m(HELLO, 0, 1)), List.of(m(HELLO, 0, 0)), List.of(),
                                List.of(m(HELLO, 0.5, 1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesTheShards(Case c) {
        List<List<RevisionMetric>> reported = replay(c.steps(), c.expected().size(), false);

        for (int second = 1; second <= c.expected().size(); second++) {
            List<RevisionMetric> metrics = reported.get(second - 1);
            List<Expected> expected = c.expected().get(second - 1);
            assertThat(metrics).as("drain at %ds", second).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(metrics.get(i).revision()).isEqualTo(expected.get(i).revision());
                assertThat(metrics.get(i).at()).isEqualTo(at(second * 1000L));
                assertThat(metrics.get(i).averageConcurrency())
                        .isCloseTo(expected.get(i).averageConcurrency(), within(1e-9));
                assertThat(metrics.get(i).requests()).isEqualTo(expected.get(i).requests());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatOneUnshardedLedgerWould(Case c) {
        List<List<RevisionMetric>> sharded = replay(c.steps(), c.expected().size(), false);
        List<List<RevisionMetric>> single = replay(c.steps(), c.expected().size(), true);

        for (int i = 0; i < single.size(); i++) {
            List<RevisionMetric> expected = byRevision(single.get(i));
            List<RevisionMetric> actual = byRevision(sharded.get(i));
            assertThat(actual).hasSameSizeAs(expected);
            for (int j = 0; j < expected.size(); j++) {
                assertThat(actual.get(j).revision()).isEqualTo(expected.get(j).revision());
                assertThat(actual.get(j).requests()).isEqualTo(expected.get(j).requests());
                assertThat(actual.get(j).averageConcurrency())
                        .isCloseTo(expected.get(j).averageConcurrency(), within(1e-9));
            }
        }
    }

    @Test
    void inFlightSumsTheOwners() {
        TrafficLedger ledger = new TrafficLedger(T0);
        ledger.arrived(A, HELLO, T0);
        ledger.arrived(B, HELLO, T0);
        ledger.arrived(B, HELLO, T0);
        ledger.finished(A, HELLO, at(10));

        assertThat(ledger.inFlight(HELLO)).isEqualTo(2);
        assertThat(ledger.inFlight(WORLD)).isZero();
    }

    @Test
    void countsExactlyWhenARequestFinishesOnAnotherThreadThanItArrived() {
        TrafficLedger ledger = new TrafficLedger(T0);
        int perOwner = 20_000;
        BlockingQueue<String> arrivedFor = new LinkedBlockingQueue<>();
        // Two threads arrive (one per owner); one thread finishes them all, for the owner each arrived for.
        CompletableFuture<?> arrivingA = CompletableFuture.runAsync(() -> arrive(ledger, A, perOwner, arrivedFor));
        CompletableFuture<?> arrivingB = CompletableFuture.runAsync(() -> arrive(ledger, B, perOwner, arrivedFor));
        CompletableFuture<?> finishing = CompletableFuture.runAsync(() -> finish(ledger, 2 * perOwner, arrivedFor));
        CompletableFuture.allOf(arrivingA, arrivingB, finishing).orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(ledger.inFlight(HELLO)).isZero();
        List<RevisionMetric> metrics = ledger.drain(at(1000));
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).requests()).isEqualTo(2L * perOwner);
    }

    private static void arrive(TrafficLedger ledger, String owner, int count, BlockingQueue<String> arrived) {
        for (int i = 0; i < count; i++) {
            ledger.arrived(owner, HELLO, at(i % 1000));
            arrived.add(owner);
        }
    }

    private static void finish(TrafficLedger ledger, int count, BlockingQueue<String> arrived) {
        for (int i = 0; i < count; i++) {
            try {
                ledger.finished(arrived.take(), HELLO, at(i % 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Replays the steps, draining at every whole second; {@code oneOwner} counts everything for one owner. */
    private static List<List<RevisionMetric>> replay(List<Step> steps, int seconds, boolean oneOwner) {
        TrafficLedger ledger = new TrafficLedger(T0);
        List<List<RevisionMetric>> drains = new ArrayList<>();
        int next = 0;
        for (int second = 1; second <= seconds; second++) {
            for (; next < steps.size() && steps.get(next).millis() < second * 1000L; next++) {
                Step step = steps.get(next);
                String owner = oneOwner ? A : step.owner();
                if (step.arrival()) {
                    ledger.arrived(owner, step.revision(), at(step.millis()));
                } else {
                    ledger.finished(owner, step.revision(), at(step.millis()));
                }
            }
            drains.add(ledger.drain(at(second * 1000L)));
        }
        return drains;
    }

    private static List<RevisionMetric> byRevision(List<RevisionMetric> metrics) {
        return metrics.stream().sorted(Comparator.comparing(m -> m.revision().name())).toList();
    }

    private static Step in(String owner, RevisionKey revision, long millis) {
        return new Step(millis, owner, revision, true);
    }

    private static Step out(String owner, RevisionKey revision, long millis) {
        return new Step(millis, owner, revision, false);
    }

    private static Expected m(RevisionKey revision, double averageConcurrency, long requests) {
        return new Expected(revision, averageConcurrency, requests);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}
