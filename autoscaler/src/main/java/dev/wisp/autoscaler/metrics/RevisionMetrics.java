package dev.wisp.autoscaler.metrics;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScalingMetric;
import java.time.Duration;
import java.time.Instant;

/**
 * One revision's concurrency and requests per second, each kept in a stable and a panic
 * {@link MetricWindow} (Knative's metric collection for a revision). Thread-safe.
 */
public final class RevisionMetrics {
    private final MetricWindow stableConcurrency;
    private final MetricWindow panicConcurrency;
    private final MetricWindow stableRps;
    private final MetricWindow panicRps;

    /** Empty windows of the given lengths. */
    public RevisionMetrics(Duration stableWindow, Duration panicWindow) {
        stableConcurrency = new MetricWindow(stableWindow);
        panicConcurrency = new MetricWindow(panicWindow);
        stableRps = new MetricWindow(stableWindow);
        panicRps = new MetricWindow(panicWindow);
    }

    /**
     * Records one per-second sample of the activator; a negative or NaN value is ignored and the
     * method returns false.
     */
    public synchronized boolean record(RevisionMetric metric) {
        if (!(metric.averageConcurrency() >= 0) || metric.requests() < 0) {
            return false;
        }
        add(metric.at(), metric.averageConcurrency(), metric.requests());
        return true;
    }

    /**
     * Records what Knative's activator reports the moment a request arrives for a revision at zero:
     * one request in flight, one request.
     */
    public synchronized void recordActivation(Instant now) {
        add(now, 1, 1);
    }

    /**
     * Records that nothing was in flight at {@code at}, when nothing newer was recorded. Knative
     * scrapes every ready instance every second, so a revision with instances has data every
     * second, zeros when idle; the activator here reports only while there is traffic.
     */
    public synchronized void recordIdle(Instant at) {
        stableConcurrency.recordIdle(at);
        panicConcurrency.recordIdle(at);
        stableRps.recordIdle(at);
        panicRps.recordIdle(at);
    }

    private void add(Instant at, double concurrency, double requests) {
        stableConcurrency.record(at, concurrency);
        panicConcurrency.record(at, concurrency);
        stableRps.record(at, requests);
        panicRps.record(at, requests);
    }

    /** The stable and panic averages of {@code metric} now, or {@link Observation#NO_DATA}. */
    public synchronized Observation observe(ScalingMetric metric, Instant now) {
        MetricWindow stable = metric == ScalingMetric.RPS ? stableRps : stableConcurrency;
        MetricWindow panic = metric == ScalingMetric.RPS ? panicRps : panicConcurrency;
        if (stable.isEmpty(now)) {
            return Observation.NO_DATA;
        }
        return new Observation(stable.average(now), panic.average(now));
    }

    /** Changes the window lengths (a revision's annotations changed). */
    public synchronized void resize(Duration stableWindow, Duration panicWindow) {
        stableConcurrency.resize(stableWindow);
        stableRps.resize(stableWindow);
        panicConcurrency.resize(panicWindow);
        panicRps.resize(panicWindow);
    }
}
