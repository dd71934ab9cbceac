package dev.wisp.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScalingMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevisionMetricsTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");

    private final RevisionMetrics metrics = new RevisionMetrics(Duration.ofSeconds(60), Duration.ofSeconds(6));

    @Test
    void stableAndPanicWindowsOfConcurrencyAndRequests() {
        for (int s = 0; s < 60; s++) {
            metrics.record(new RevisionMetric(HELLO, T0.plusSeconds(s), s < 54 ? 2 : 8, s < 54 ? 10 : 40));
        }
        Instant now = T0.plusSeconds(59);

        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, now)).isEqualTo(new Observation(2.6, 8));
        assertThat(metrics.observe(ScalingMetric.RPS, now)).isEqualTo(new Observation(13, 40));
    }

    @Test
    void noDataUntilSomethingIsRecordedAndAWindowAfterTheLast() {
        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0).hasData()).isFalse();

        metrics.recordActivation(T0);

        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0)).isEqualTo(new Observation(1, 1));
        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0.plusSeconds(60))).isEqualTo(new Observation(0, 0));
        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0.plusSeconds(61))).isEqualTo(Observation.NO_DATA);
    }

    @Test
    void idleSecondsOfReadyInstancesBringTheAverageDown() {
        for (int s = 0; s < 6; s++) {
            metrics.record(new RevisionMetric(HELLO, T0.plusSeconds(s), 6, 6));
        }
        for (int s = 6; s < 12; s++) {
            metrics.recordIdle(T0.plusSeconds(s));
        }

        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0.plusSeconds(11))).isEqualTo(new Observation(3, 0));
    }

    @Test
    void invalidSamplesAreRefused() {
        assertThat(metrics.record(new RevisionMetric(HELLO, T0, -1, 0))).isFalse();
        assertThat(metrics.record(new RevisionMetric(HELLO, T0, Double.NaN, 0))).isFalse();
        assertThat(metrics.observe(ScalingMetric.CONCURRENCY, T0).hasData()).isFalse();
    }
}
