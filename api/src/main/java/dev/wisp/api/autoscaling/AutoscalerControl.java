package dev.wisp.api.autoscaling;

import dev.wisp.api.dataplane.RevisionKey;

/** How the serving controller tells the autoscaler which revisions exist and how each scales. */
public interface AutoscalerControl {

    /** Starts (or updates) scaling decisions for a revision. Idempotent. */
    void track(RevisionKey revision, ScalingPolicy policy);

    /** Stops scaling a revision (it is being deleted). */
    void untrack(RevisionKey revision);

    /** The last desired scale decided for a revision, or -1 if it is not tracked. */
    int desiredScale(RevisionKey revision);
}
