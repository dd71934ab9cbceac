package dev.wisp.autoscaler.remote;

import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The KPA's input in Kubernetes mode: takes the activators' reports, forwards their pokes at once,
 * and hands the samples an {@link ActivatorMetricsAggregator} settled to the autoscaler's
 * {@link MetricsSink} (the {@code Autoscaler}), on every report and every second. Thread-safe.
 */
public final class RemoteMetricsInput implements AutoCloseable {
    /** A silent activator is waited for this long. */
    public static final Duration EXPIRY = Duration.ofSeconds(3);
    private static final Duration RETENTION = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(RemoteMetricsInput.class);

    private final MetricsSink autoscaler;
    private final Clock clock;
    private final ActivatorMetricsAggregator aggregator = new ActivatorMetricsAggregator(EXPIRY, RETENTION);
    private Vertx vertx; // guarded by this
    private long timerId = -1; // guarded by this
    private List<String> live = List.of(); // guarded by this

    /** @param autoscaler where settled samples and pokes go: the {@code Autoscaler} */
    public RemoteMetricsInput(MetricsSink autoscaler, Clock clock) {
        this.autoscaler = Objects.requireNonNull(autoscaler, "autoscaler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Settles every second on {@code vertx}'s timer, so seconds settle while no activator reports. */
    public synchronized void start(Vertx vertx) {
        if (timerId < 0) {
            this.vertx = vertx;
            timerId = vertx.setPeriodic(1000, id -> settle());
        }
    }

    /** Stops the timer. Idempotent. */
    @Override
    public synchronized void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** Takes one report: its pokes go to the autoscaler now, its samples once settled. */
    public void accept(ActivatorReport report) {
        for (RevisionKey revision : report.pokes()) {
            autoscaler.poke(revision);
        }
        synchronized (this) {
            aggregator.accept(report, clock.instant());
        }
        settle();
    }

    /** Hands the settled samples to the autoscaler (what the timer runs). */
    public void settle() {
        List<RevisionMetric> settled;
        Instant now = clock.instant();
        synchronized (this) {
            settled = aggregator.settle(now);
            List<String> nowLive = aggregator.liveActivators(now);
            if (!nowLive.equals(live)) {
                LOG.infof("event=activators-reporting activators=%s", nowLive);
                live = nowLive;
            }
        }
        for (RevisionMetric metric : settled) {
            autoscaler.report(metric);
        }
    }
}
