package dev.wisp.serving.kubernetes.revision;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What the revision status needs from a Deployment: replicas wanted and ready, whether pods are
 * available, when it was created and whether Kubernetes gave up on its progress.
 *
 * @param desired          {@code spec.replicas}
 * @param ready            {@code status.readyReplicas}
 * @param available        {@code status.availableReplicas}
 * @param created          {@code metadata.creationTimestamp}, if set
 * @param deadlineExceeded the {@code Progressing} condition's message when it is False with reason
 *                         {@code ProgressDeadlineExceeded}
 */
public record DeploymentProgress(int desired, int ready, int available, Optional<Instant> created,
                                 Optional<String> deadlineExceeded) {
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    /** Reads the fields from a Deployment as the API server returns it. */
    public static DeploymentProgress of(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        String created = deployment.getMetadata().getCreationTimestamp();
        Optional<String> exceeded = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(DeploymentProgress::progressDeadlineExceeded)
                        .map(c -> c.getMessage() == null ? "" : c.getMessage()).findFirst();
        return new DeploymentProgress(replicas == null ? 1 : replicas,
                status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
                status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas(),
                created == null || created.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(created)),
                exceeded);
    }

    private static boolean progressDeadlineExceeded(DeploymentCondition condition) {
        return "Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())
                && PROGRESS_DEADLINE_EXCEEDED.equals(condition.getReason());
    }
}
