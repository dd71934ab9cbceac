package dev.wisp.activator.kubernetes;

import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The activator's {@link MetricsSink} in Kubernetes mode: collects the per-second samples and pokes,
 * seals them into one {@link MetricsBatch} per tick (and at once on a poke, which must wake a revision
 * at zero without waiting) and POSTs the batches, one at a time and in order, to
 * {@code {autoscalerUrl}/autoscaler/v1/metrics} with Vert.x's non-blocking client. While the
 * autoscaler is unreachable, at most {@code maxPending} batches wait; beyond that the oldest is
 * dropped. Reachability changes are logged once each. Never blocks its callers.
 */
public final class HttpMetricsSink implements MetricsSink, AutoCloseable {
    /** The path of the autoscaler's endpoint. */
    public static final String PATH = "/autoscaler/v1/metrics";
    private static final Logger LOG = Logger.getLogger(HttpMetricsSink.class);

    private final Vertx vertx;
    private final URI endpoint;
    private final String activatorId;
    private final Clock clock;
    private final Duration interval;
    private final int maxPending;
    private final HttpClient client;
    private final List<RevisionMetric> samples = new ArrayList<>(); // guarded by this
    private final Set<RevisionKey> pokes = new LinkedHashSet<>(); // guarded by this
    private final Deque<MetricsBatch> pending = new ArrayDeque<>(); // guarded by this
    private boolean sending; // guarded by this
    private boolean reachable = true; // guarded by this
    private long dropped; // guarded by this
    private long timerId = -1;

    /**
     * @param autoscalerUrl the autoscaler's base URL ({@code WISP_AUTOSCALER_URL}, e.g. {@code http://wisp-autoscaler.wisp-system.svc:8081})
     * @param activatorId   this activator's id in the reports: its pod name
     * @param interval      how often a batch is sealed and sent (the activator reports every second)
     * @param maxPending    how many batches may wait while the autoscaler is unreachable
     */
    public HttpMetricsSink(Vertx vertx, URI autoscalerUrl, String activatorId, Clock clock, Duration interval,
                           int maxPending) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.endpoint = Objects.requireNonNull(autoscalerUrl, "autoscalerUrl").resolve(PATH);
        this.activatorId = Objects.requireNonNull(activatorId, "activatorId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1 but is " + maxPending);
        }
        this.maxPending = maxPending;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) interval.toMillis())
                .setMaxPoolSize(1).setKeepAlive(true));
    }

    /** A sink sending every second and keeping 30 batches (half a minute) while the autoscaler is away. */
    public HttpMetricsSink(Vertx vertx, URI autoscalerUrl, String activatorId, Clock clock) {
        this(vertx, autoscalerUrl, activatorId, clock, Duration.ofSeconds(1), 30);
    }

    /** Starts sealing and sending a batch every interval. */
    public synchronized void start() {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(interval.toMillis(), id -> flush());
            LOG.infof("event=metrics-sink-started endpoint=%s activator=%s", endpoint, activatorId);
        }
    }

    /** Stops the timer and the client; batches not sent yet are dropped. */
    @Override
    public synchronized void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        client.close();
    }

    @Override
    public void poke(RevisionKey revision) {
        synchronized (this) {
            pokes.add(revision);
        }
        flush();
    }

    @Override
    public synchronized void report(RevisionMetric metric) {
        samples.add(metric);
    }

    /** Batches sealed but not yet accepted by the autoscaler. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Batches dropped so far because the autoscaler was unreachable for too long. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Seals what was reported since the last batch and sends the oldest pending batch if none is in flight. */
    void flush() {
        MetricsBatch next;
        synchronized (this) {
            pending.addLast(new MetricsBatch(activatorId, clock.instant(), samples, List.copyOf(pokes)));
            samples.clear();
            pokes.clear();
            while (pending.size() > maxPending) {
                pending.removeFirst();
                dropped++;
            }
            next = claimNext();
        }
        send(next);
    }

    private MetricsBatch claimNext() {
        if (sending || pending.isEmpty()) {
            return null;
        }
        sending = true;
        return pending.peekFirst();
    }

    private void send(MetricsBatch batch) {
        if (batch == null) {
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.toString())
                .setIdleTimeout(Math.max(1000, interval.toMillis() * 2))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        client.request(options)
                .compose(request -> request.send(batch.toJson().toBuffer()))
                .onComplete(ar -> sent(batch, ar.succeeded() ? ar.result().statusCode() : -1,
                        ar.succeeded() ? null : ar.cause()));
    }

    private void sent(MetricsBatch batch, int status, Throwable cause) {
        MetricsBatch next;
        synchronized (this) {
            sending = false;
            boolean rejected = status >= 400 && status < 500;
            if (status >= 200 && status < 300 || rejected) {
                pending.remove(batch); // a rejected batch would be rejected again: it is not retried
                if (rejected) {
                    LOG.warnf("event=metrics-batch-rejected endpoint=%s status=%d", endpoint, status);
                }
                reachability(true, null);
                next = claimNext();
            } else {
                reachability(false, cause != null ? cause.toString() : "status " + status);
                next = null; // retried on the next tick
            }
        }
        send(next);
    }

    private void reachability(boolean nowReachable, String cause) {
        if (nowReachable != reachable) {
            reachable = nowReachable;
            if (nowReachable) {
                LOG.infof("event=autoscaler-reachable endpoint=%s dropped=%d", endpoint, dropped);
            } else {
                LOG.warnf("event=autoscaler-unreachable endpoint=%s pending=%d cause=\"%s\"", endpoint,
                        pending.size(), cause);
            }
        }
    }
}
