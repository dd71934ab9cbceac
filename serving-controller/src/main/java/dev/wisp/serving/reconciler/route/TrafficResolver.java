package dev.wisp.serving.reconciler.route;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a Route's traffic targets to revisions, as Knative does: a {@code revisionName} must
 * exist and be Ready (a failed one makes AllTrafficAssigned False, one still starting Unknown); a
 * {@code latestRevision} target follows its Configuration's (by default the same-named one's)
 * latest ready revision and keeps that configuration's name for the rollout.
 */
public final class TrafficResolver {
    public static final String REVISION_MISSING = "RevisionMissing";
    public static final String CONFIGURATION_MISSING = "ConfigurationMissing";

    private TrafficResolver() {
    }

    /** Resolves against the Configurations and Revisions of the route's namespace, by name. */
    public static TrafficResolution resolve(Route route, Map<String, Configuration> configurations,
                                            Map<String, Revision> revisions) {
        List<TrafficTarget> resolved = new ArrayList<>();
        TrafficResolution unknown = null;
        for (TrafficTarget target : route.getSpec().getTraffic()) {
            TrafficResolution one = resolveOne(route, target, configurations, revisions);
            if (!one.succeeded() && Condition.FALSE.equals(one.failureStatus())) {
                return one;
            }
            if (!one.succeeded() && unknown == null) {
                unknown = one;
            }
            resolved.addAll(one.targets());
        }
        return unknown != null ? unknown : TrafficResolution.resolved(resolved);
    }

    private static TrafficResolution resolveOne(Route route, TrafficTarget target,
                                                Map<String, Configuration> configurations,
                                                Map<String, Revision> revisions) {
        String revisionName = target.getRevisionName();
        if (revisionName != null && !revisionName.isEmpty()) {
            Revision revision = revisions.get(revisionName);
            if (revision == null) {
                return TrafficResolution.failed(Condition.FALSE, REVISION_MISSING,
                        "Revision \"" + revisionName + "\" referenced in traffic not found.");
            }
            Optional<Condition> ready = revision.getStatus() == null
                    ? Optional.empty() : revision.getStatus().condition(KnativeStatus.READY);
            if (ready.isPresent() && ready.get().isFalse()) {
                return TrafficResolution.failed(Condition.FALSE, REVISION_MISSING,
                        "Revision \"" + revisionName + "\" failed to become ready: " + ready.get().getMessage());
            }
            if (ready.isEmpty() || !ready.get().isTrue()) {
                return TrafficResolution.failed(Condition.UNKNOWN, REVISION_MISSING,
                        "Revision \"" + revisionName + "\" is not yet ready.");
            }
            return TrafficResolution.resolved(List.of(statusTarget(target, revisionName, null)));
        }
        String configurationName = target.getConfigurationName() != null && !target.getConfigurationName().isEmpty()
                ? target.getConfigurationName() : route.getMetadata().getName();
        Configuration configuration = configurations.get(configurationName);
        if (configuration == null) {
            return TrafficResolution.failed(Condition.FALSE, CONFIGURATION_MISSING,
                    "Configuration \"" + configurationName + "\" referenced in traffic not found.");
        }
        String latestReady = configuration.getStatus() == null ? null : configuration.getStatus().getLatestReadyRevisionName();
        if (latestReady == null) {
            return TrafficResolution.failed(failed(configuration) ? Condition.FALSE : Condition.UNKNOWN,
                    REVISION_MISSING, "Configuration \"" + configurationName + "\" does not have any ready Revision.");
        }
        return TrafficResolution.resolved(List.of(statusTarget(target, latestReady, configurationName)));
    }

    private static boolean failed(Configuration configuration) {
        return configuration.getStatus() != null && configuration.getStatus().condition(KnativeStatus.READY)
                .map(Condition::isFalse).orElse(false);
    }

    /** A resolved target; {@code configurationName} is set (and latestRevision true) for a latest target only. */
    private static TrafficTarget statusTarget(TrafficTarget spec, String revisionName, String configurationName) {
        return new TrafficTarget(revisionName, configurationName, configurationName != null,
                spec.getPercent() == null ? 0L : spec.getPercent(), spec.getTag());
    }
}
