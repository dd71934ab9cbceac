package dev.wisp.serving.reconciler.configuration;

import dev.wisp.api.serving.v1.ConfigurationStatus;
import dev.wisp.api.serving.v1.Revision;
import java.util.Optional;

/** What a Configuration reconcile should do: the Revision to create (if any) and the new status. */
public record ConfigurationPlan(Optional<Revision> revisionToCreate, ConfigurationStatus status) {
}
