package dev.wisp.activator.dispatch;

import dev.wisp.activator.metrics.ActivatorMeters;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.ProxyOutcome;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Sends each admitted {@link Exchange} to an instance with a free slot, or holds it in its
 * revision's bounded {@link WaitQueue} (poking the autoscaler when the revision has no instance)
 * until an instance becomes ready or a slot frees up. Settles every exchange exactly once, and
 * tells a runtime when an instance it took out of rotation has no request left ({@link InstanceDrain}).
 *
 * <p>Shared by all event loops: queues, slots and drains change under this object's lock, so the
 * containerConcurrency limit holds across loops; the proxying itself runs on each exchange's loop.
 */
public final class RevisionDispatcher implements InstanceDrain {

    private static final Logger LOG = Logger.getLogger(RevisionDispatcher.class);

    /** The collaborators a dispatcher works with. */
    public record Collaborators(Vertx vertx, InstanceDirectory directory, MetricsSink metrics,
                                TrafficLedger ledger, ActivatorMeters meters, InstancePicker picker,
                                EndpointQuarantine quarantine, Clock clock) {
    }

    private final Collaborators with;
    private final int maxQueued;
    private final Map<RevisionKey, WaitQueue<Exchange>> queues = new HashMap<>();
    private final Set<RevisionKey> watchedQueues = new HashSet<>();
    private final InstanceLoad load = new InstanceLoad();
    private final DrainWaiters drains = new DrainWaiters();
    private final Set<RevisionKey> retryScheduled = new HashSet<>();

    public RevisionDispatcher(Collaborators collaborators, int maxQueuedPerRevision) {
        this.with = collaborators;
        this.maxQueued = maxQueuedPerRevision;
    }

    /** Admits an exchange: it is proxied now, or waits, or gets 503 when its revision's queue is full. */
    public void submit(Exchange exchange) {
        RevisionKey revision = exchange.revision();
        Handoff handoff = new Handoff();
        boolean admitted;
        boolean poke = false;
        synchronized (this) {
            WaitQueue<Exchange> queue = queueOf(revision);
            admitted = queue.offer(exchange);
            if (admitted) {
                RevisionEndpoints endpoints = dispatchLocked(revision, handoff);
                if (exchange.isWaiting() && endpoints.ready().isEmpty()) {
                    exchange.markColdStart();
                    poke = true;
                }
            }
        }
        if (!admitted) {
            LOG.debugf("event=queue-full revision=%s queued=%d", revision, maxQueued);
            Replies.text(exchange.request(), 503, "too many requests waiting for revision " + revision
                    + " (" + maxQueued + " queued)");
            settle(exchange);
            return;
        }
        handoff.run(this);
        if (poke) {
            with.metrics().poke(revision);
        }
    }

    /** The ready instances of {@code revision} changed (called on any thread): dispatch what waits for it. */
    public void instancesChanged(RevisionKey revision) {
        Handoff handoff = new Handoff();
        synchronized (this) {
            if (queues.containsKey(revision)) {
                dispatchLocked(revision, handoff);
            }
        }
        handoff.run(this);
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
    public synchronized int waiting(RevisionKey revision) {
        WaitQueue<Exchange> queue = queues.get(revision);
        return queue == null ? 0 : queue.size();
    }

    @Override
    public CompletionStage<Void> drained(RevisionKey revision, String instanceId, Duration max) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        int inFlight;
        synchronized (this) {
            inFlight = load.inFlight(revision, instanceId);
            if (inFlight > 0) {
                drains.add(revision, instanceId, drained);
            }
        }
        LOG.infof("event=instance-draining revision=%s instance=%s inFlight=%d maxMillis=%d",
                revision, instanceId, inFlight, max.toMillis());
        if (inFlight == 0) {
            drained.complete(null);
            return drained;
        }
        long timer = with.vertx().setTimer(Math.max(1, max.toMillis()), id -> {
            if (drained.complete(null)) {
                LOG.infof("event=drain-timeout revision=%s instance=%s", revision, instanceId);
            }
        });
        drained.whenComplete((ignored, error) -> with.vertx().cancelTimer(timer));
        return drained;
    }

    /** Called under the lock: starts what can start, fails what cannot be served. */
    private RevisionEndpoints dispatchLocked(RevisionKey revision, Handoff handoff) {
        RevisionEndpoints endpoints = with.directory().endpoints(revision);
        WaitQueue<Exchange> queue = queues.get(revision);
        if (queue == null) {
            return endpoints;
        }
        if (!endpoints.known()) {
            queues.remove(revision);
            for (Exchange exchange = queue.poll(); exchange != null; exchange = queue.poll()) {
                handoff.unavailable.add(exchange);
            }
            return endpoints;
        }
        Instant now = with.clock().instant();
        while (!queue.isEmpty()) {
            Optional<Endpoint> instance = with.picker().pick(endpoints.ready(), endpoints.containerConcurrency(),
                    e -> load.inFlight(revision, e), e -> !with.quarantine().contains(e, now));
            if (instance.isEmpty()) {
                break;
            }
            Exchange exchange = queue.poll();
            exchange.assign(instance.get());
            load.acquire(revision, instance.get());
            if (exchange.coldStart()) {
                with.meters().coldStartWaited(revision, System.nanoTime() - exchange.arrivedNanos());
            }
            handoff.start(exchange);
        }
        if (queue.isEmpty()) {
            queues.remove(revision);
        } else if (endpoints.ready().stream().anyMatch(e -> with.quarantine().contains(e, now))) {
            scheduleRetry(revision);
        }
        return endpoints;
    }

    /** Runs on the exchange's loop, outside the lock. */
    void forward(Exchange exchange) {
        Endpoint instance = exchange.endpoint();
        if (exchange.isDone() || instance == null) {
            return; // answered (timeout) between the hand-over and now; its slot is released already
        }
        exchange.proxy().forward(exchange, instance).onSuccess(outcome -> forwarded(exchange, instance, outcome));
    }

    /** Runs on the exchange's loop, outside the lock. */
    void failUnavailable(Exchange exchange) {
        Replies.text(exchange.request(), 503, "revision " + exchange.revision() + " is not available");
        settle(exchange);
    }

    private void forwarded(Exchange exchange, Endpoint instance, ProxyOutcome outcome) {
        if (outcome != ProxyOutcome.CONNECT_FAILED) {
            settle(exchange);
            return;
        }
        Handoff handoff = new Handoff();
        synchronized (this) {
            with.quarantine().add(instance, with.clock().instant());
            if (exchange.isDone()) {
                return;
            }
            // Nothing was sent: the instance probably just died. Try another one, or wait again.
            releaseSlotLocked(exchange.revision(), exchange.releaseEndpoint(), handoff);
            exchange.backToWaiting();
            queueOf(exchange.revision()).pushFront(exchange);
            dispatchLocked(exchange.revision(), handoff);
        }
        handoff.run(this);
    }

    private void settle(Exchange exchange) {
        if (exchange.finish()) {
            release(exchange);
        }
    }

    /** Ends an exchange from outside its proxy attempt: done first, so the cancelled attempt stays quiet. */
    private void close(Exchange exchange) {
        if (exchange.finish()) {
            exchange.cancelUpstream();
            release(exchange);
        }
    }

    private void release(Exchange exchange) {
        with.vertx().cancelTimer(exchange.timerId());
        RevisionKey revision = exchange.revision();
        with.ledger().finished(revision, with.clock().instant());
        with.meters().responded(revision, statusOf(exchange), System.nanoTime() - exchange.arrivedNanos());
        Endpoint instance = exchange.releaseEndpoint();
        if (instance != null) {
            Handoff handoff = new Handoff();
            synchronized (this) {
                releaseSlotLocked(revision, instance, handoff);
                dispatchLocked(revision, handoff);
            }
            handoff.run(this);
        }
    }

    private void releaseSlotLocked(RevisionKey revision, Endpoint instance, Handoff handoff) {
        load.release(revision, instance);
        if (!drains.isEmpty() && load.inFlight(revision, instance.instanceId()) == 0) {
            handoff.drained.addAll(drains.take(revision, instance.instanceId()));
        }
    }

    private synchronized void withdraw(Exchange exchange) {
        WaitQueue<Exchange> queue = queues.get(exchange.revision());
        if (exchange.isWaiting() && queue != null) {
            queue.remove(exchange);
        }
    }

    private WaitQueue<Exchange> queueOf(RevisionKey revision) {
        WaitQueue<Exchange> queue = queues.get(revision);
        if (queue == null) {
            queue = new WaitQueue<>(maxQueued);
            queues.put(revision, queue);
            if (watchedQueues.add(revision)) {
                with.meters().watchQueue(revision, this, d -> d.waiting(revision));
            }
        }
        return queue;
    }

    private void scheduleRetry(RevisionKey revision) {
        if (retryScheduled.add(revision)) {
            with.vertx().setTimer(Math.max(1, with.quarantine().length().toMillis()), id -> {
                synchronized (this) {
                    retryScheduled.remove(revision);
                }
                instancesChanged(revision);
            });
        }
    }

    private static int statusOf(Exchange exchange) {
        // A client that went away before its answer is counted as nginx does: 499.
        return exchange.request().response().ended() ? exchange.request().response().getStatusCode() : 499;
    }
}
