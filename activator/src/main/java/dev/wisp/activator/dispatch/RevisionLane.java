package dev.wisp.activator.dispatch;

import dev.wisp.activator.proxy.Exchange;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import java.util.function.ToIntFunction;

/**
 * The dispatch state of one revision: its wait queue, the requests in flight on each of its
 * instances, and the runtimes waiting for one of them to drain. Guarded by its own monitor, so
 * loops serving different revisions never contend, and a request that finds a free slot takes
 * it in one short uncontended section. Kept for the activator's life once a revision was seen.
 */
final class RevisionLane {

    final RevisionKey revision;
    final WaitQueue<Exchange> queue;
    final InstanceLoad load = new InstanceLoad();
    final DrainWaiters drains = new DrainWaiters();
    /** Requests in flight per instance, for the picker (allocated once, not per pick). */
    final ToIntFunction<Endpoint> inFlight;
    /** Whether a dispatch retry after a quarantine is pending. */
    boolean retryScheduled;

    RevisionLane(RevisionKey revision, int maxQueued) {
        this.revision = revision;
        this.queue = new WaitQueue<>(maxQueued);
        this.inFlight = load::inFlight;
    }
}
