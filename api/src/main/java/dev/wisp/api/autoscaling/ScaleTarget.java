package dev.wisp.api.autoscaling;

import dev.wisp.api.dataplane.RevisionKey;

/** What the autoscaler drives: the number of instances a revision should run. The runtime implements it. */
public interface ScaleTarget {

    /** Converges the revision towards {@code desired} instances (asynchronously). */
    void setDesiredScale(RevisionKey revision, int desired);

    /** The number of instances that are ready to take requests now. */
    int readyInstances(RevisionKey revision);
}
