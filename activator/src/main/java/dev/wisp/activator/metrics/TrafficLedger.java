package dev.wisp.activator.metrics;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks per revision the requests in flight (waiting or proxied) and those that arrived, and turns
 * them into one {@link RevisionMetric} per interval. A revision is reported while it has traffic,
 * once more with zeros when it goes idle, and then no more. Pure (time is a parameter).
 *
 * <p>Safe for the activator's event loops to share without contending: each request is counted in
 * the shard of its owner (the event loop of its exchange), so on the request path a loop takes
 * only its own shard's lock; {@link #drain} and {@link #inFlight} merge the shards. A request's
 * {@code arrived} and {@code finished} must name the same owner; they may run on any thread.
 */
public final class TrafficLedger {

    /** The shards in creation order; replaced (copy on write) when an owner is first seen. */
    private volatile Shard[] shards = new Shard[0];
    /** Start of the current interval; guarded by {@code this} (taken by drain and shard creation only). */
    private Instant intervalStart;

    public TrafficLedger(Instant start) {
        this.intervalStart = start;
    }

    /** A request for {@code revision}, counted for {@code owner}, arrived at {@code now}. */
    public void arrived(Object owner, RevisionKey revision, Instant now) {
        Shard shard = shardOf(owner);
        synchronized (shard) {
            shard.windowOf(revision).arrived(now);
        }
    }

    /** A request for {@code revision} that arrived for {@code owner} was answered (or given up) at {@code now}. */
    public void finished(Object owner, RevisionKey revision, Instant now) {
        Shard shard = shardOf(owner);
        synchronized (shard) {
            ConcurrencyWindow window = shard.existingWindow(revision);
            if (window != null) {
                window.finished(now);
            }
        }
    }

    /** Requests for {@code revision} in flight right now, over all owners. */
    public int inFlight(RevisionKey revision) {
        int total = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                ConcurrencyWindow window = shard.existingWindow(revision);
                total += window == null ? 0 : window.inFlight();
            }
        }
        return total;
    }

    /**
     * Closes the interval at {@code now}: the metrics to report, one per revision any owner saw, in
     * the order the shards and then their revisions were first seen. Average concurrencies and
     * request counts are summed over the shards (both are additive over the same interval).
     */
    public synchronized List<RevisionMetric> drain(Instant now) {
        Map<RevisionKey, ConcurrencyWindow.Sample> merged = new LinkedHashMap<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.closeInto(merged, now);
            }
        }
        intervalStart = now;
        List<RevisionMetric> metrics = new ArrayList<>(merged.size());
        merged.forEach((revision, sample) -> metrics.add(
                new RevisionMetric(revision, now, sample.averageConcurrency(), sample.requests())));
        return metrics;
    }

    private Shard shardOf(Object owner) {
        Shard[] known = shards;
        for (int i = 0; i < known.length; i++) { // a few loops: a scan by identity beats hashing
            if (known[i].owner == owner) {
                return known[i];
            }
        }
        return addShard(owner);
    }

    private synchronized Shard addShard(Object owner) {
        Shard[] known = shards;
        for (Shard shard : known) {
            if (shard.owner == owner) {
                return shard;
            }
        }
        // Created under the ledger's lock, so it cannot miss a drain: its windows open where drain left off.
        Shard created = new Shard(owner, intervalStart);
        Shard[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = created;
        shards = grown;
        return created;
    }

    /** The windows of one owner; guarded by its own monitor. */
    private static final class Shard {
        final Object owner;
        private final Map<RevisionKey, ConcurrencyWindow> windows = new LinkedHashMap<>();
        private Instant intervalStart;
        /** The window used last, found without hashing while requests for one revision keep coming. */
        private RevisionKey recentKey;
        private ConcurrencyWindow recentWindow;

        Shard(Object owner, Instant intervalStart) {
            this.owner = owner;
            this.intervalStart = intervalStart;
        }

        ConcurrencyWindow windowOf(RevisionKey revision) {
            ConcurrencyWindow window = existingWindow(revision);
            if (window == null) {
                window = new ConcurrencyWindow(intervalStart);
                windows.put(revision, window);
                remember(revision, window);
            }
            return window;
        }

        ConcurrencyWindow existingWindow(RevisionKey revision) {
            if (revision == recentKey) {
                return recentWindow;
            }
            ConcurrencyWindow window = windows.get(revision); // no capturing lambda per request
            if (window != null) {
                remember(revision, window);
            }
            return window;
        }

        /** Closes every window at {@code now} into {@code merged}; forgets the revisions that went idle. */
        void closeInto(Map<RevisionKey, ConcurrencyWindow.Sample> merged, Instant now) {
            Iterator<Map.Entry<RevisionKey, ConcurrencyWindow>> entries = windows.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<RevisionKey, ConcurrencyWindow> entry = entries.next();
                ConcurrencyWindow.Sample sample = entry.getValue().close(now);
                merged.merge(entry.getKey(), sample, Shard::sum);
                if (sample.idle()) {
                    // This was the zero sample after going idle: stop reporting until traffic returns.
                    entries.remove();
                }
            }
            remember(null, null); // it may have been removed (under an equal key of another identity)
            intervalStart = now;
        }

        private void remember(RevisionKey revision, ConcurrencyWindow window) {
            recentKey = revision;
            recentWindow = window;
        }

        private static ConcurrencyWindow.Sample sum(ConcurrencyWindow.Sample a, ConcurrencyWindow.Sample b) {
            return new ConcurrencyWindow.Sample(a.averageConcurrency() + b.averageConcurrency(),
                    a.requests() + b.requests(), a.inFlightAtEnd() + b.inFlightAtEnd());
        }
    }
}
