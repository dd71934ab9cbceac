package dev.wisp.activator.dispatch;

import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.ProxyOutcome;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Sends each admitted {@link Exchange} to an instance with a free slot, or holds it in its
 * revision's bounded {@link WaitQueue} (poking the autoscaler when the revision has no instance)
 * until an instance becomes ready or a slot frees up. Settles every exchange exactly once.
 * Runs on the activator's event loop only.
 */
public final class RevisionDispatcher {

    private static final Logger LOG = Logger.getLogger(RevisionDispatcher.class);

    /** The collaborators a dispatcher works with. */
    public record Collaborators(Vertx vertx, InstanceDirectory directory, MetricsSink metrics,
                                TrafficLedger ledger, UpstreamProxy proxy, InstancePicker picker,
                                EndpointQuarantine quarantine, Clock clock) {
    }

    private final Collaborators with;
    private final int maxQueued;
    private final Map<RevisionKey, WaitQueue<Exchange>> queues = new HashMap<>();
    private final InstanceLoad load = new InstanceLoad();
    private final Set<RevisionKey> retryScheduled = new HashSet<>();

    public RevisionDispatcher(Collaborators collaborators, int maxQueuedPerRevision) {
        this.with = collaborators;
        this.maxQueued = maxQueuedPerRevision;
    }

    /** Admits an exchange: it is proxied now, or waits, or gets 503 when its revision's queue is full. */
    public void submit(Exchange exchange) {
        RevisionKey revision = exchange.revision();
        WaitQueue<Exchange> queue = queues.computeIfAbsent(revision, r -> new WaitQueue<>(maxQueued));
        if (!queue.offer(exchange)) {
            LOG.debugf("event=queue-full revision=%s queued=%d", revision, queue.size());
            Replies.text(exchange.request(), 503, "too many requests waiting for revision " + revision
                    + " (" + queue.capacity() + " queued)");
            settle(exchange);
            return;
        }
        RevisionEndpoints endpoints = dispatch(revision);
        if (exchange.isWaiting() && endpoints.ready().isEmpty()) {
            with.metrics().poke(revision);
        }
    }

    /** The ready instances of {@code revision} changed: dispatch what waits for it. */
    public void instancesChanged(RevisionKey revision) {
        if (queues.containsKey(revision)) {
            dispatch(revision);
        }
    }

    /** The exchange's timeout passed: answer 504 (or reset a started response) and settle it. */
    public void expire(Exchange exchange) {
        if (exchange.isDone()) {
            return;
        }
        LOG.debugf("event=timeout revision=%s state=%s", exchange.revision(), exchange.state());
        withdraw(exchange);
        Replies.text(exchange.request(), 504, "revision " + exchange.revision() + " did not respond within "
                + Replies.describe(exchange.timeout()));
        close(exchange);
    }

    /** The client went away: cancel whatever the exchange was doing and settle it. */
    public void abandon(Exchange exchange) {
        if (exchange.isDone()) {
            return;
        }
        withdraw(exchange);
        close(exchange);
    }

    /** Requests waiting for {@code revision} right now. */
    public int waiting(RevisionKey revision) {
        WaitQueue<Exchange> queue = queues.get(revision);
        return queue == null ? 0 : queue.size();
    }

    private RevisionEndpoints dispatch(RevisionKey revision) {
        RevisionEndpoints endpoints = with.directory().endpoints(revision);
        WaitQueue<Exchange> queue = queues.get(revision);
        if (queue == null) {
            return endpoints;
        }
        if (!endpoints.known()) {
            failAll(revision, queue);
            return endpoints;
        }
        Instant now = with.clock().instant();
        while (!queue.isEmpty()) {
            Optional<Endpoint> instance = with.picker().pick(endpoints.ready(), endpoints.containerConcurrency(),
                    e -> load.inFlight(revision, e), e -> !with.quarantine().contains(e, now));
            if (instance.isEmpty()) {
                break;
            }
            start(queue.poll(), instance.get());
        }
        if (queue.isEmpty()) {
            queues.remove(revision);
        } else if (endpoints.ready().stream().anyMatch(e -> with.quarantine().contains(e, now))) {
            scheduleRetry(revision);
        }
        return endpoints;
    }

    private void start(Exchange exchange, Endpoint instance) {
        exchange.assign(instance);
        load.acquire(exchange.revision(), instance);
        with.proxy().forward(exchange, instance)
                .onSuccess(outcome -> forwarded(exchange, instance, outcome));
    }

    private void forwarded(Exchange exchange, Endpoint instance, ProxyOutcome outcome) {
        if (outcome != ProxyOutcome.CONNECT_FAILED) {
            settle(exchange);
            return;
        }
        with.quarantine().add(instance, with.clock().instant());
        if (exchange.isDone()) {
            return;
        }
        // Nothing was sent: the instance probably just died. Try another one, or wait again.
        load.release(exchange.revision(), exchange.releaseEndpoint());
        exchange.backToWaiting();
        queues.computeIfAbsent(exchange.revision(), r -> new WaitQueue<>(maxQueued)).pushFront(exchange);
        with.vertx().runOnContext(v -> dispatch(exchange.revision()));
    }

    private void settle(Exchange exchange) {
        if (exchange.finish()) {
            release(exchange);
        }
    }

    /** Ends an exchange from outside its proxy attempt: done first, so the cancelled attempt stays quiet. */
    private void close(Exchange exchange) {
        exchange.finish();
        exchange.cancelUpstream();
        release(exchange);
    }

    private void release(Exchange exchange) {
        with.vertx().cancelTimer(exchange.timerId());
        with.ledger().finished(exchange.revision(), with.clock().instant());
        Endpoint instance = exchange.releaseEndpoint();
        if (instance != null) {
            load.release(exchange.revision(), instance);
            dispatch(exchange.revision());
        }
    }

    private void withdraw(Exchange exchange) {
        WaitQueue<Exchange> queue = queues.get(exchange.revision());
        if (exchange.isWaiting() && queue != null) {
            queue.remove(exchange);
        }
    }

    private void failAll(RevisionKey revision, WaitQueue<Exchange> queue) {
        queues.remove(revision);
        for (Exchange exchange = queue.poll(); exchange != null; exchange = queue.poll()) {
            Replies.text(exchange.request(), 503, "revision " + revision + " is not available");
            settle(exchange);
        }
    }

    private void scheduleRetry(RevisionKey revision) {
        if (retryScheduled.add(revision)) {
            with.vertx().setTimer(Math.max(1, with.quarantine().length().toMillis()), id -> {
                retryScheduled.remove(revision);
                dispatch(revision);
            });
        }
    }
}
