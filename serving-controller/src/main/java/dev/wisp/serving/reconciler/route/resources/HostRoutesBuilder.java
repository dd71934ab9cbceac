package dev.wisp.serving.reconciler.route.resources;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.reconciler.route.RouteDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the routing-table entries of a Route from its resolved traffic: the main host splits
 * traffic between every target with a positive percent (a revision named twice gets the sum);
 * each tag gets its own host sending everything to its target.
 */
public final class HostRoutesBuilder {

    private HostRoutesBuilder() {
    }

    public static List<HostRoute> make(Route route, List<TrafficTarget> resolved, RouteDomain domain) {
        String namespace = route.getMetadata().getNamespace();
        String name = route.getMetadata().getName();
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (TrafficTarget target : resolved) {
            int percent = target.getPercent() == null ? 0 : target.getPercent().intValue();
            if (percent > 0) {
                weights.merge(target.getRevisionName(), percent, Integer::sum);
            }
        }
        List<WeightedRevision> mainTargets = new ArrayList<>();
        weights.forEach((revision, percent) ->
                mainTargets.add(new WeightedRevision(new RevisionKey(namespace, revision), percent)));
        List<HostRoute> hosts = new ArrayList<>();
        hosts.add(new HostRoute(domain.host(name, namespace), namespace, name, mainTargets));
        for (TrafficTarget target : resolved) {
            if (target.getTag() != null && !target.getTag().isEmpty()) {
                RevisionKey revision = new RevisionKey(namespace, target.getRevisionName());
                hosts.add(new HostRoute(domain.tagHost(target.getTag(), name, namespace), namespace, name,
                        List.of(new WeightedRevision(revision, 100))));
            }
        }
        return hosts;
    }
}
