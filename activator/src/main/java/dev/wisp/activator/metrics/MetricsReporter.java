package dev.wisp.activator.metrics;

import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Sends the {@link TrafficLedger}'s samples to the {@link MetricsSink} every interval, on the event loop. */
public final class MetricsReporter {

    private static final Logger LOG = Logger.getLogger(MetricsReporter.class);

    private final Vertx vertx;
    private final TrafficLedger ledger;
    private final MetricsSink sink;
    private final Clock clock;
    private final Duration interval;
    private long timerId = -1;

    public MetricsReporter(Vertx vertx, TrafficLedger ledger, MetricsSink sink, Clock clock, Duration interval) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
    }

    /** Starts reporting; call on the activator's context. */
    public void start() {
        timerId = vertx.setPeriodic(interval.toMillis(), id -> report());
    }

    /** Stops reporting. */
    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    void report() {
        for (RevisionMetric metric : ledger.drain(clock.instant())) {
            try {
                sink.report(metric);
            } catch (RuntimeException e) {
                LOG.warnf("event=metric-report-failed revision=%s cause=\"%s\"", metric.revision(), e.getMessage());
            }
        }
    }
}
