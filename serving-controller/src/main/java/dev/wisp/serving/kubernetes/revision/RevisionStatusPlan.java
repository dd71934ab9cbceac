package dev.wisp.serving.kubernetes.revision;

import dev.wisp.api.serving.v1.RevisionStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * A Revision's new status and, while its pods are still coming up, how long until the progress
 * deadline must be checked again.
 */
public record RevisionStatusPlan(RevisionStatus status, Optional<Duration> recheckIn) {
}
