package dev.wisp.activator.dispatch;

import dev.wisp.activator.metrics.ActivatorMeters;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.ProxyOutcome;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.activator.proxy.UpstreamProxy;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Sends each admitted {@link Exchange} to an instance with a free slot, or holds it in its
 * revision's bounded {@link WaitQueue} (poking the autoscaler when the revision has no instance)
 * until an instance becomes ready or a slot frees up. Settles every exchange exactly once, and
 * tells a runtime when an instance it took out of rotation has no request left ({@link InstanceDrain}).
 *
 * <p>Shared by all event loops: each revision's queue, slots and drains change under the lock of
 * its {@link RevisionLane}, so the containerConcurrency limit holds across loops while loops
 * serving different revisions never contend; the proxying itself runs on each exchange's loop.
 */
public final class RevisionDispatcher implements InstanceDrain {

    private static final Logger LOG = Logger.getLogger(RevisionDispatcher.class);
    private static final Predicate<Endpoint> EVERY_INSTANCE = e -> true;

    /** The collaborators a dispatcher works with. */
    public record Collaborators(Vertx vertx, InstanceDirectory directory, MetricsSink metrics,
                                TrafficLedger ledger, ActivatorMeters meters, InstancePicker picker,
                                EndpointQuarantine quarantine, Clock clock) {
    }

    private final Collaborators with;
    private final int maxQueued;
    private final ConcurrentMap<RevisionKey, RevisionLane> lanes = new ConcurrentHashMap<>();
    /** How forwarding attempts end: one listener for all, so that no lambda is made per request. */
    private final UpstreamProxy.Listener outcomes = this::forwarded;

    public RevisionDispatcher(Collaborators collaborators, int maxQueuedPerRevision) {
        this.with = collaborators;
        this.maxQueued = maxQueuedPerRevision;
    }

    /** Admits an exchange: it is proxied now, or waits, or gets 503 when its revision's queue is full. */
    public void submit(Exchange exchange) {
        RevisionKey revision = exchange.revision();
        RevisionLane lane = laneOf(revision);
        Handoff handoff = new Handoff();
        boolean admitted;
        boolean poke = false;
        synchronized (lane) {
            admitted = lane.queue.offer(exchange);
            if (admitted) {
                RevisionEndpoints endpoints = dispatchLocked(lane, handoff);
                if (exchange.isWaiting() && endpoints.ready().isEmpty()) {
                    exchange.markColdStart();
                    poke = true;
                }
            }
        }
        if (!admitted) {
            LOG.debugf("event=queue-full revision=%s queued=%d", revision, maxQueued);
            Replies.text(exchange, 503, "too many requests waiting for revision " + revision
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
        RevisionLane lane = lanes.get(revision);
        if (lane == null) {
            return;
        }
        Handoff handoff = new Handoff();
        synchronized (lane) {
            if (!lane.queue.isEmpty()) {
                dispatchLocked(lane, handoff);
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
        Replies.text(exchange, 504, "revision " + exchange.revision() + " did not respond within "
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
        RevisionLane lane = lanes.get(revision);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queue.size();
        }
    }

    @Override
    public CompletionStage<Void> drained(RevisionKey revision, String instanceId, Duration max) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        RevisionLane lane = laneOf(revision);
        int inFlight;
        synchronized (lane) {
            inFlight = lane.load.inFlight(instanceId);
            if (inFlight > 0) {
                lane.drains.add(revision, instanceId, drained);
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

    /** Called under the lane's lock: starts what can start, fails what cannot be served. */
    private RevisionEndpoints dispatchLocked(RevisionLane lane, Handoff handoff) {
        RevisionKey revision = lane.revision;
        RevisionEndpoints endpoints = with.directory().endpoints(revision);
        WaitQueue<Exchange> queue = lane.queue;
        if (!endpoints.known()) {
            for (Exchange exchange = queue.poll(); exchange != null; exchange = queue.poll()) {
                handoff.unavailable(exchange);
            }
            return endpoints;
        }
        EndpointQuarantine quarantine = with.quarantine();
        Instant now = quarantine.isEmpty() ? null : with.clock().instant();
        Predicate<Endpoint> usable = now == null ? EVERY_INSTANCE : e -> !quarantine.contains(e, now);
        while (!queue.isEmpty()) {
            Optional<Endpoint> instance = with.picker().pick(endpoints.ready(), endpoints.containerConcurrency(),
                    lane.inFlight, usable);
            if (instance.isEmpty()) {
                break;
            }
            Exchange exchange = queue.poll();
            exchange.assign(instance.get());
            lane.load.acquire(instance.get());
            if (exchange.coldStart()) {
                with.meters().coldStartWaited(revision, System.nanoTime() - exchange.arrivedNanos());
            }
            handoff.start(exchange);
        }
        if (!queue.isEmpty() && now != null && endpoints.ready().stream().anyMatch(e -> quarantine.contains(e, now))) {
            scheduleRetry(lane);
        }
        return endpoints;
    }

    /** Runs on the exchange's loop, outside the lock. */
    void forward(Exchange exchange) {
        Endpoint instance = exchange.endpoint();
        if (exchange.isDone() || instance == null) {
            return; // answered (timeout) between the hand-over and now; its slot is released already
        }
        exchange.proxy().forward(exchange, instance, outcomes);
    }

    /** Runs on the exchange's loop, outside the lock. */
    void failUnavailable(Exchange exchange) {
        Replies.text(exchange, 503, "revision " + exchange.revision() + " is not available");
        settle(exchange);
    }

    private void forwarded(Exchange exchange, Endpoint instance, ProxyOutcome outcome) {
        if (outcome != ProxyOutcome.CONNECT_FAILED) {
            settle(exchange);
            return;
        }
        with.quarantine().add(instance, with.clock().instant());
        RevisionLane lane = laneOf(exchange.revision());
        Handoff handoff = new Handoff();
        synchronized (lane) {
            if (exchange.isDone()) {
                return;
            }
            // Nothing was sent: the instance probably just died. Try another one, or wait again.
            releaseSlotLocked(lane, exchange.releaseEndpoint(), handoff);
            exchange.backToWaiting();
            lane.queue.pushFront(exchange);
            dispatchLocked(lane, handoff);
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
        exchange.cancelDeadline();
        RevisionKey revision = exchange.revision();
        with.ledger().finished(exchange.loop(), revision, with.clock().instant()); // owner as in RevisionGate
        with.meters().responded(revision, statusOf(exchange), System.nanoTime() - exchange.arrivedNanos());
        Endpoint instance = exchange.releaseEndpoint();
        if (instance != null) {
            RevisionLane lane = laneOf(revision);
            Handoff handoff = new Handoff();
            synchronized (lane) {
                releaseSlotLocked(lane, instance, handoff);
                if (!lane.queue.isEmpty()) {
                    dispatchLocked(lane, handoff);
                }
            }
            handoff.run(this);
        }
    }

    private static void releaseSlotLocked(RevisionLane lane, Endpoint instance, Handoff handoff) {
        lane.load.release(instance);
        if (!lane.drains.isEmpty() && lane.load.inFlight(instance.instanceId()) == 0) {
            handoff.drained(lane.drains.take(lane.revision, instance.instanceId()));
        }
    }

    private void withdraw(Exchange exchange) {
        RevisionLane lane = lanes.get(exchange.revision());
        if (lane == null) {
            return;
        }
        synchronized (lane) {
            if (exchange.isWaiting()) {
                lane.queue.remove(exchange);
            }
        }
    }

    private RevisionLane laneOf(RevisionKey revision) {
        RevisionLane lane = lanes.get(revision);
        if (lane != null) {
            return lane;
        }
        RevisionLane created = new RevisionLane(revision, maxQueued);
        lane = lanes.putIfAbsent(revision, created);
        if (lane != null) {
            return lane;
        }
        with.meters().watchQueue(revision, this, d -> d.waiting(revision));
        return created;
    }

    /** Called under the lane's lock. */
    private void scheduleRetry(RevisionLane lane) {
        if (!lane.retryScheduled) {
            lane.retryScheduled = true;
            with.vertx().setTimer(Math.max(1, with.quarantine().length().toMillis()), id -> {
                synchronized (lane) {
                    lane.retryScheduled = false;
                }
                instancesChanged(lane.revision);
            });
        }
    }

    private static int statusOf(Exchange exchange) {
        return exchange.statusForMetrics();
    }
}
