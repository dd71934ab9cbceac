package dev.wisp.autoscaler.remote;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;
import java.util.List;

/**
 * One activator's report for one tick, as {@code POST /autoscaler/v1/metrics} receives it: the
 * activator's id (its pod name), the instant through which its samples are complete (no later report
 * of this activator holds a sample at or before it), its per-second samples and the revisions it poked.
 */
public record ActivatorReport(String activator, Instant through, List<RevisionMetric> metrics, List<RevisionKey> pokes) {
    public ActivatorReport {
        metrics = List.copyOf(metrics);
        pokes = List.copyOf(pokes);
    }
}
