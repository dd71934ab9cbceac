package dev.wisp.activator.handler;

import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.activator.timing.LoopDeadlines;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * Admits a request for a revision: answers 503 when the revision is not run here; otherwise counts
 * it as in flight, starts its timeout (from arrival, waiting included) and hands it to the
 * {@link RevisionDispatcher}. One per event loop: the exchanges it creates belong to its loop.
 */
public final class RevisionGate implements RevisionHandler {

    /** The timeout used when a revision does not declare one (Knative's default). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    private final LoopDeadlines<Exchange> deadlines;
    private final InstanceDirectory directory;
    private final TrafficLedger ledger;
    private final RevisionDispatcher dispatcher;
    private final Clock clock;
    private final Context context;
    private final Thread loopThread;
    private final UpstreamProxy proxy;

    /** A gate on the calling event loop; {@code deadlines} (of this loop) time the exchanges out. */
    public RevisionGate(LoopDeadlines<Exchange> deadlines, InstanceDirectory directory, TrafficLedger ledger,
                        RevisionDispatcher dispatcher, Clock clock, Context context, Thread loopThread,
                        UpstreamProxy proxy) {
        this.deadlines = deadlines;
        this.loopThread = loopThread;
        this.context = context;
        this.proxy = proxy;
        this.directory = directory;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void handle(HttpServerRequest request, RevisionKey revision) {
        RevisionEndpoints endpoints = directory.endpoints(revision);
        if (!endpoints.known()) {
            Replies.text(request, 503, "revision " + revision + " is not available");
            return;
        }
        Duration timeout = endpoints.timeout().isZero() || endpoints.timeout().isNegative()
                ? DEFAULT_TIMEOUT : endpoints.timeout();
        Exchange exchange = new Exchange(request, revision, timeout, context, loopThread, proxy);
        exchange.upstreamTimeouts(endpoints.responseStartTimeout().toMillis(), endpoints.idleTimeout().toMillis());
        ledger.arrived(revision, clock.instant());
        exchange.deadline(deadlines.add(exchange, Math.max(1, timeout.toMillis())));
        request.response().closeHandler(v -> dispatcher.abandon(exchange));
        dispatcher.submit(exchange);
    }
}
