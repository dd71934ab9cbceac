package dev.wisp.api.autoscaling;

import dev.wisp.api.dataplane.RevisionKey;

/** Where the activator sends what the autoscaler needs: traffic samples and wake-up pokes. */
public interface MetricsSink {

    /** A request is waiting for a revision that has no ready instance: scale it from zero now. */
    void poke(RevisionKey revision);

    /** Records one per-second traffic sample. */
    void report(RevisionMetric metric);
}
