package dev.wisp.activator.metrics;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks per revision the requests in flight (waiting or proxied) and those that arrived, and turns
 * them into one {@link RevisionMetric} per interval. A revision is reported while it has traffic,
 * once more with zeros when it goes idle, and then no more. Pure (time is a parameter) and safe
 * for the activator's event loops to share.
 */
public final class TrafficLedger {

    private final Map<RevisionKey, ConcurrencyWindow> windows = new LinkedHashMap<>();
    private Instant intervalStart;

    public TrafficLedger(Instant start) {
        this.intervalStart = start;
    }

    /** A request for {@code revision} arrived at {@code now}. */
    public synchronized void arrived(RevisionKey revision, Instant now) {
        ConcurrencyWindow window = windows.get(revision); // no capturing lambda per request
        if (window == null) {
            window = new ConcurrencyWindow(intervalStart);
            windows.put(revision, window);
        }
        window.arrived(now);
    }

    /** A request for {@code revision} was answered (or given up) at {@code now}. */
    public synchronized void finished(RevisionKey revision, Instant now) {
        ConcurrencyWindow window = windows.get(revision);
        if (window != null) {
            window.finished(now);
        }
    }

    /** Requests for {@code revision} in flight right now. */
    public synchronized int inFlight(RevisionKey revision) {
        ConcurrencyWindow window = windows.get(revision);
        return window == null ? 0 : window.inFlight();
    }

    /** Closes the interval at {@code now}: the metrics to report, in first-seen order. */
    public synchronized List<RevisionMetric> drain(Instant now) {
        List<RevisionMetric> metrics = new ArrayList<>();
        Iterator<Map.Entry<RevisionKey, ConcurrencyWindow>> entries = windows.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<RevisionKey, ConcurrencyWindow> entry = entries.next();
            ConcurrencyWindow.Sample sample = entry.getValue().close(now);
            metrics.add(new RevisionMetric(entry.getKey(), now, sample.averageConcurrency(), sample.requests()));
            if (sample.idle()) {
                // This was the zero sample after going idle: stop reporting until traffic returns.
                entries.remove();
            }
        }
        intervalStart = now;
        return metrics;
    }
}
