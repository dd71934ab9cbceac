package dev.wisp.activator;

import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link MetricsSink} that keeps every poke and sample for the test to inspect. */
final class RecordingMetricsSink implements MetricsSink {

    final List<RevisionKey> pokes = new CopyOnWriteArrayList<>();
    final List<RevisionMetric> reports = new CopyOnWriteArrayList<>();

    @Override
    public void poke(RevisionKey revision) {
        pokes.add(revision);
    }

    @Override
    public void report(RevisionMetric metric) {
        reports.add(metric);
    }

    List<RevisionMetric> reportsFor(RevisionKey revision) {
        return reports.stream().filter(m -> m.revision().equals(revision)).toList();
    }
}
