package dev.wisp.serving.reconciler.retention;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.reconciler.Ownership;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the revisions of a Configuration to delete, as Knative's revision garbage collector does
 * with its {@code min-non-active-revisions}: a revision is active while a Route's traffic (spec or
 * status, tags and 0% targets included) names it or it is the Configuration's latest created or
 * latest ready revision; of the others, the newest {@code retained} are kept and the older ones go.
 * Pure.
 */
public final class RevisionRetention {

    private RevisionRetention() {
    }

    /**
     * @param revisions every revision of the namespace (those the configuration does not own are ignored)
     * @param routes    every route of the namespace
     * @return the names of the revisions to delete, oldest first
     */
    public static List<String> toDelete(Configuration configuration, List<Revision> revisions, List<Route> routes,
                                        int retained) {
        Set<String> active = activeRevisions(configuration, routes);
        List<Revision> nonActive = revisions.stream()
                .filter(r -> Ownership.isControlledBy(r, configuration))
                .filter(r -> !active.contains(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(RevisionRetention::generation)
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
        int excess = nonActive.size() - retained;
        if (excess <= 0) {
            return List.of();
        }
        return nonActive.subList(0, excess).stream().map(r -> r.getMetadata().getName()).toList();
    }

    static Set<String> activeRevisions(Configuration configuration, List<Route> routes) {
        Set<String> active = new HashSet<>();
        if (configuration.getStatus() != null) {
            addIfSet(active, configuration.getStatus().getLatestCreatedRevisionName());
            addIfSet(active, configuration.getStatus().getLatestReadyRevisionName());
        }
        for (Route route : routes) {
            if (route.getSpec() != null) {
                route.getSpec().getTraffic().forEach(t -> addIfSet(active, nameOf(t)));
            }
            if (route.getStatus() != null) {
                route.getStatus().getTraffic().forEach(t -> addIfSet(active, nameOf(t)));
            }
        }
        return active;
    }

    /** The configuration generation a revision was stamped from (its age order); creation order as a fallback. */
    private static long generation(Revision revision) {
        String label = revision.getMetadata().getLabels() == null
                ? null : revision.getMetadata().getLabels().get(Serving.CONFIGURATION_GENERATION_LABEL);
        try {
            return label == null ? Long.MAX_VALUE : Long.parseLong(label);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String nameOf(TrafficTarget target) {
        return target == null ? null : target.getRevisionName();
    }

    private static void addIfSet(Set<String> names, String name) {
        if (name != null && !name.isEmpty()) {
            names.add(name);
        }
    }
}
