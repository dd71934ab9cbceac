package dev.wisp.serving.kubernetes.revision;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.revision.RevisionStatusPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Computes a Revision's status from its Deployment, as Knative's revision reconciler does:
 * ResourcesAvailable and ContainerHealthy True once pods have been available (and from then on,
 * scale to zero included); ResourcesAvailable False with {@code ProgressDeadlineExceeded} when the
 * Deployment's Progressing condition says so or when no pod became available within the
 * revision's progress deadline; Active and the replica counts from the Deployment.
 */
public final class DeploymentStatusPlanner {
    public static final String DEPLOYING = RevisionStatusPlanner.DEPLOYING;
    public static final String PROGRESS_DEADLINE_EXCEEDED = DeploymentProgress.PROGRESS_DEADLINE_EXCEEDED;

    private DeploymentStatusPlanner() {
    }

    /**
     * @param deployment the revision's Deployment as observed (empty while not yet created)
     * @param deadline   the revision's progress deadline
     */
    public static RevisionStatusPlan plan(Revision revision, Optional<DeploymentProgress> deployment,
                                          Duration deadline, Instant now) {
        RevisionStatus status = Json.copy(revision.getStatus(), RevisionStatus.class);
        if (status == null) {
            status = new RevisionStatus();
        }
        status.setObservedGeneration(revision.getMetadata().getGeneration());
        if (deployment.isEmpty()) {
            status.markUnknown(RevisionStatus.CONTAINER_HEALTHY, DEPLOYING, null, now);
            status.markUnknown(RevisionStatus.RESOURCES_AVAILABLE, DEPLOYING, null, now);
            RevisionStatusPlanner.markActive(status, 0, 1, now);
            status.setActualReplicas(0);
            return new RevisionStatusPlan(status, Optional.empty());
        }
        DeploymentProgress progress = deployment.get();
        Optional<Duration> recheck = markAvailability(status, progress, deadline, now);
        RevisionStatusPlanner.markActive(status, progress.ready(), progress.desired(), now);
        status.setActualReplicas(progress.ready());
        status.setDesiredReplicas(progress.desired());
        return new RevisionStatusPlan(status, recheck);
    }

    private static Optional<Duration> markAvailability(RevisionStatus status, DeploymentProgress progress,
                                                       Duration deadline, Instant now) {
        boolean everAvailable = progress.available() > 0
                || status.condition(RevisionStatus.RESOURCES_AVAILABLE).map(c -> c.isTrue()).orElse(false);
        if (everAvailable) {
            status.markTrue(RevisionStatus.CONTAINER_HEALTHY, now);
            status.markTrue(RevisionStatus.RESOURCES_AVAILABLE, now);
            return Optional.empty();
        }
        Optional<Instant> expires = progress.created().map(created -> created.plus(deadline));
        if (progress.deadlineExceeded().isPresent() || expires.map(at -> !now.isBefore(at)).orElse(false)) {
            status.markUnknown(RevisionStatus.CONTAINER_HEALTHY, DEPLOYING, null, now);
            status.markFalse(RevisionStatus.RESOURCES_AVAILABLE, PROGRESS_DEADLINE_EXCEEDED,
                    message(progress, deadline), now);
            return Optional.empty();
        }
        status.markUnknown(RevisionStatus.CONTAINER_HEALTHY, DEPLOYING, null, now);
        status.markUnknown(RevisionStatus.RESOURCES_AVAILABLE, DEPLOYING, null, now);
        return Optional.of(expires.map(at -> Duration.between(now, at)).orElse(deadline));
    }

    private static String message(DeploymentProgress progress, Duration deadline) {
        String detail = progress.deadlineExceeded().filter(m -> !m.isBlank()).map(m -> " (" + m + ")").orElse("");
        return "Initial scale was never achieved: no pod of the Deployment became available within "
                + deadline.toSeconds() + "s (serving.knative.dev/progress-deadline)" + detail + ".";
    }
}
