package dev.wisp.serving.reconciler.revision;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.RevisionHealth;
import java.time.Instant;
import java.util.Optional;

/**
 * Computes a Revision's status from what the runtime reports about its instances and what the
 * autoscaler wants: ContainerHealthy and ResourcesAvailable (hence Ready), Active, replica counts.
 */
public final class RevisionStatusPlanner {
    public static final String DEPLOYING = "Deploying";
    public static final String NO_TRAFFIC = "NoTraffic";
    public static final String ACTIVATING = "Activating";

    private RevisionStatusPlanner() {
    }

    /**
     * @param desiredScale the autoscaler's desired scale, or -1 when it does not track the revision
     *                     (the runtime's desired count is used then)
     */
    public static RevisionStatus plan(Revision revision, RevisionHealth health, int desiredScale, Instant now) {
        RevisionStatus status = Json.copy(revision.getStatus(), RevisionStatus.class);
        if (status == null) {
            status = new RevisionStatus();
        }
        status.setObservedGeneration(revision.getMetadata().getGeneration());
        int desired = desiredScale >= 0 ? desiredScale : health.desired();
        markContainerHealthy(status, health, now);
        markResourcesAvailable(status, health, now);
        markActive(status, health.ready(), desired, now);
        status.setActualReplicas(health.ready());
        status.setDesiredReplicas(desired);
        return status;
    }

    private static void markContainerHealthy(RevisionStatus status, RevisionHealth health, Instant now) {
        Optional<InstanceFailure> failure = health.lastFailure();
        if (failure.isPresent()) {
            status.markFalse(RevisionStatus.CONTAINER_HEALTHY, failure.get().reason(), failure.get().message(), now);
        } else if (health.everReady()) {
            status.markTrue(RevisionStatus.CONTAINER_HEALTHY, now);
        } else {
            status.markUnknown(RevisionStatus.CONTAINER_HEALTHY, DEPLOYING, null, now);
        }
    }

    private static void markResourcesAvailable(RevisionStatus status, RevisionHealth health, Instant now) {
        Optional<InstanceFailure> failure = health.lastFailure();
        if (health.everReady()) {
            status.markTrue(RevisionStatus.RESOURCES_AVAILABLE, now);
        } else if (failure.isPresent()) {
            status.markFalse(RevisionStatus.RESOURCES_AVAILABLE, failure.get().reason(), failure.get().message(), now);
        } else {
            status.markUnknown(RevisionStatus.RESOURCES_AVAILABLE, DEPLOYING, null, now);
        }
    }

    /** Active: True with ready instances, False (NoTraffic) when none are wanted, else Unknown (Activating). */
    public static void markActive(RevisionStatus status, int ready, int desired, Instant now) {
        if (ready > 0) {
            status.markTrue(RevisionStatus.ACTIVE, now);
        } else if (desired <= 0) {
            status.markFalse(RevisionStatus.ACTIVE, NO_TRAFFIC, "The target is not receiving traffic.", now);
        } else {
            status.markUnknown(RevisionStatus.ACTIVE, ACTIVATING, null, now);
        }
    }
}
