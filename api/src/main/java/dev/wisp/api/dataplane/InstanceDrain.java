package dev.wisp.api.dataplane;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tells a workload runtime when an instance it took out of rotation has finished the requests it
 * was serving, so it can be stopped without cutting them off; the data plane implements it.
 */
@FunctionalInterface
public interface InstanceDrain {

    /**
     * Completes once no request is in flight on the instance {@code instanceId} of {@code revision},
     * or once {@code max} has passed, whichever comes first; never completes exceptionally.
     * Call it after the instance left the revision's ready endpoints.
     */
    CompletionStage<Void> drained(RevisionKey revision, String instanceId, Duration max);

    /** A drain that does not wait: for runtimes that run without a data plane in front of them. */
    static InstanceDrain none() {
        return (revision, instanceId, max) -> CompletableFuture.completedFuture(null);
    }
}
