package dev.wisp.activator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficLedgerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");
    private static final RevisionKey WORLD = new RevisionKey("default", "world-00001");
    private static final Object LOOP = "loop-1";

    @Test
    void reportsWhileBusyThenOnceWithZerosThenNothing() {
        TrafficLedger ledger = new TrafficLedger(T0);
        ledger.arrived(LOOP, HELLO, T0.plusMillis(500));
        ledger.finished(LOOP, HELLO, T0.plusMillis(750));

        assertThat(ledger.drain(at(1))).containsExactly(new RevisionMetric(HELLO, at(1), 0.25, 1));
        assertThat(ledger.drain(at(2))).containsExactly(new RevisionMetric(HELLO, at(2), 0.0, 0));
        assertThat(ledger.drain(at(3))).isEmpty();
        assertThat(ledger.drain(at(4))).isEmpty();
    }

    @Test
    void aLongRequestIsReportedEverySecondWithoutNewArrivals() {
        TrafficLedger ledger = new TrafficLedger(T0);
        ledger.arrived(LOOP, HELLO, T0);

        assertThat(ledger.drain(at(1))).containsExactly(new RevisionMetric(HELLO, at(1), 1.0, 1));
        assertThat(ledger.drain(at(2))).containsExactly(new RevisionMetric(HELLO, at(2), 1.0, 0));
        ledger.finished(LOOP, HELLO, at(2).plusMillis(100));
        assertThat(ledger.drain(at(3))).containsExactly(new RevisionMetric(HELLO, at(3), 0.1, 0));
        assertThat(ledger.drain(at(4))).containsExactly(new RevisionMetric(HELLO, at(4), 0.0, 0));
        assertThat(ledger.drain(at(5))).isEmpty();
    }

    @Test
    void revisionComingBackAfterIdleIsReportedAgainOverTheWholeInterval() {
        TrafficLedger ledger = new TrafficLedger(T0);
        ledger.arrived(LOOP, HELLO, T0);
        ledger.finished(LOOP, HELLO, T0);
        ledger.drain(at(1));
        ledger.drain(at(2));
        assertThat(ledger.drain(at(3))).isEmpty();

        ledger.arrived(LOOP, HELLO, at(3).plusMillis(500));

        assertThat(ledger.drain(at(4))).containsExactly(new RevisionMetric(HELLO, at(4), 0.5, 1));
    }

    @Test
    void revisionsAreReportedIndependently() {
        TrafficLedger ledger = new TrafficLedger(T0);
        ledger.arrived(LOOP, HELLO, T0);
        ledger.arrived(LOOP, WORLD, T0);
        ledger.arrived(LOOP, WORLD, T0);
        ledger.finished(LOOP, HELLO, T0.plusMillis(200));

        List<RevisionMetric> metrics = ledger.drain(at(1));

        assertThat(metrics).containsExactly(new RevisionMetric(HELLO, at(1), 0.2, 1),
                new RevisionMetric(WORLD, at(1), 2.0, 2));
        assertThat(ledger.inFlight(WORLD)).isEqualTo(2);
        assertThat(ledger.inFlight(HELLO)).isZero();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
