package dev.wisp.autoscaler.remote;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds up the reports of all activators into one sample per revision and second for the KPA: the
 * concurrency and requests of every activator for the same second are summed, and a second is
 * handed out ("settled") once every live activator has reported through its end, or {@code expiry}
 * after it at the latest. An activator silent for {@code expiry} is no longer waited for, so a dead
 * activator never freezes the numbers. A sample repeated by a retried report counts once; a sample
 * arriving after its second settled is handed out on its own (the KPA's windows add samples of the
 * same second); samples older than {@code retention} are dropped.
 *
 * <p>Pure: time is a parameter. Not thread-safe; the owner synchronizes.
 */
public final class ActivatorMetricsAggregator {
    private record Slot(RevisionKey revision, long second) {
    }

    private record Contribution(double concurrency, long requests) {
    }

    private final Duration expiry;
    private final Duration retention;
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Map<String, Instant> through = new HashMap<>();
    /** Samples by slot, then by activator and the sample's exact instant. */
    private final Map<Slot, Map<String, Contribution>> open = new HashMap<>();
    private final Map<Slot, Set<String>> settled = new HashMap<>();

    /**
     * @param expiry    how long a silent activator is waited for (and a second at most held back)
     * @param retention how long a settled second is remembered to recognize repeated samples
     */
    public ActivatorMetricsAggregator(Duration expiry, Duration retention) {
        if (expiry.isNegative() || expiry.isZero() || retention.compareTo(expiry) < 0) {
            throw new IllegalArgumentException("expiry must be positive and retention at least expiry but are "
                    + expiry + " and " + retention);
        }
        this.expiry = expiry;
        this.retention = retention;
    }

    /** Takes one activator's report, received at {@code now}. */
    public void accept(ActivatorReport report, Instant now) {
        lastSeen.put(report.activator(), now);
        through.merge(report.activator(), report.through(), (a, b) -> a.isAfter(b) ? a : b);
        long oldest = now.minus(retention).getEpochSecond();
        for (RevisionMetric metric : report.metrics()) {
            Slot slot = new Slot(metric.revision(), metric.at().getEpochSecond());
            String sampleId = report.activator() + "@" + metric.at();
            if (slot.second() < oldest || settled.getOrDefault(slot, Set.of()).contains(sampleId)) {
                continue; // too old to matter, or a retried report's sample already handed out
            }
            open.computeIfAbsent(slot, s -> new HashMap<>())
                    .put(sampleId, new Contribution(metric.averageConcurrency(), metric.requests()));
        }
    }

    /** The samples settled at {@code now}, one per revision and second, oldest second first. */
    public List<RevisionMetric> settle(Instant now) {
        forgetSilentActivators(now);
        long waitedLongEnough = now.minus(expiry).getEpochSecond();
        List<RevisionMetric> out = new ArrayList<>();
        Iterator<Map.Entry<Slot, Map<String, Contribution>>> slots = open.entrySet().iterator();
        while (slots.hasNext()) {
            Map.Entry<Slot, Map<String, Contribution>> entry = slots.next();
            Slot slot = entry.getKey();
            if (slot.second() >= waitedLongEnough && !everyLiveActivatorReportedThrough(slot.second())) {
                continue;
            }
            double concurrency = 0;
            long requests = 0;
            for (Contribution c : entry.getValue().values()) {
                concurrency += c.concurrency();
                requests += c.requests();
            }
            out.add(new RevisionMetric(slot.revision(), Instant.ofEpochSecond(slot.second()), concurrency, requests));
            settled.computeIfAbsent(slot, s -> new HashSet<>()).addAll(entry.getValue().keySet());
            slots.remove();
        }
        long oldest = now.minus(retention).getEpochSecond();
        settled.keySet().removeIf(slot -> slot.second() < oldest);
        out.sort(Comparator.comparing(RevisionMetric::at).thenComparing(m -> m.revision().toString()));
        return out;
    }

    /** The activators heard from within {@code expiry} of {@code now}, sorted. */
    public List<String> liveActivators(Instant now) {
        forgetSilentActivators(now);
        return new ArrayList<>(new TreeMap<>(lastSeen).keySet());
    }

    private boolean everyLiveActivatorReportedThrough(long second) {
        for (Instant reportedThrough : through.values()) {
            if (reportedThrough.getEpochSecond() <= second) {
                return false;
            }
        }
        return true;
    }

    private void forgetSilentActivators(Instant now) {
        Instant cutoff = now.minus(expiry);
        lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(cutoff));
        through.keySet().retainAll(lastSeen.keySet());
    }
}
