package dev.wisp.serving.reconciler.configuration;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.ConfigurationStatus;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import dev.wisp.serving.reconciler.configuration.resources.RevisionBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * Plans a Configuration reconcile without I/O: stamp a Revision for the current template unless
 * one of that name exists, and report the latest created / latest ready revisions and Ready.
 */
public final class ConfigurationPlanner {
    public static final String REVISION_NAME_TAKEN = "RevisionNameTaken";
    public static final String REVISION_FAILED = "RevisionFailed";

    private ConfigurationPlanner() {
    }

    /** Plans from the Configuration and the stored Revision named for its template (empty if none). */
    public static ConfigurationPlan plan(Configuration configuration, Optional<Revision> existing, Instant now) {
        ConfigurationStatus status = Json.copy(configuration.getStatus(), ConfigurationStatus.class);
        if (status == null) {
            status = new ConfigurationStatus();
        }
        status.setObservedGeneration(configuration.getMetadata().getGeneration());
        String name = Names.revision(configuration);
        Revision wanted = RevisionBuilder.make(configuration, name);
        if (existing.isEmpty()) {
            status.setLatestCreatedRevisionName(name);
            status.markUnknown(KnativeStatus.READY, null, null, now);
            return new ConfigurationPlan(Optional.of(wanted), status);
        }
        Revision revision = existing.get();
        if (!Ownership.isControlledBy(revision, configuration) || !Json.same(revision.getSpec(), wanted.getSpec())) {
            status.markFalse(KnativeStatus.READY, REVISION_NAME_TAKEN, "Revision \"" + name
                    + "\" already exists with a different spec or owner; give spec.template.metadata.name a new name.", now);
            return new ConfigurationPlan(Optional.empty(), status);
        }
        status.setLatestCreatedRevisionName(name);
        propagateRevision(status, revision, now);
        return new ConfigurationPlan(Optional.empty(), status);
    }

    private static void propagateRevision(ConfigurationStatus status, Revision revision, Instant now) {
        String name = revision.getMetadata().getName();
        Optional<Condition> ready = revision.getStatus() == null
                ? Optional.empty() : revision.getStatus().condition(KnativeStatus.READY);
        if (ready.isPresent() && ready.get().isTrue()) {
            status.setLatestReadyRevisionName(name);
            status.markTrue(KnativeStatus.READY, now);
        } else if (ready.isPresent() && ready.get().isFalse()) {
            status.markFalse(KnativeStatus.READY, REVISION_FAILED,
                    "Revision \"" + name + "\" failed with message: " + ready.get().getMessage() + ".", now);
        } else {
            status.markUnknown(KnativeStatus.READY, null, null, now);
        }
    }
}
