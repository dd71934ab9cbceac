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
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

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
    private final UpstreamProxy proxy;
    private final Consumer<Exchange> abandon;

    /** A gate on the calling event loop; {@code deadlines} (of this loop) time the exchanges out. */
    public RevisionGate(LoopDeadlines<Exchange> deadlines, InstanceDirectory directory, TrafficLedger ledger,
                        RevisionDispatcher dispatcher, Clock clock, UpstreamProxy proxy) {
        this.deadlines = deadlines;
        this.proxy = proxy;
        this.abandon = dispatcher::abandon;
        this.directory = directory;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void handle(Exchange exchange, RevisionKey revision) {
        RevisionEndpoints endpoints = directory.endpoints(revision);
        if (!endpoints.known()) {
            Replies.text(exchange, 503, "revision " + revision + " is not available");
            return;
        }
        Duration timeout = endpoints.timeout().isZero() || endpoints.timeout().isNegative()
                ? DEFAULT_TIMEOUT : endpoints.timeout();
        exchange.admit(revision, timeout, proxy, abandon);
        exchange.upstreamTimeouts(endpoints.responseStartTimeout().toMillis(), endpoints.idleTimeout().toMillis());
        ledger.arrived(exchange.loop(), revision, clock.instant()); // counted in this loop's shard
        exchange.deadline(deadlines.add(exchange, Math.max(1, timeout.toMillis())));
        dispatcher.submit(exchange);
    }
}
