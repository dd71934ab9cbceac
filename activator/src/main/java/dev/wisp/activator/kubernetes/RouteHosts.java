package dev.wisp.activator.kubernetes;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Route's resolved traffic ({@code status.traffic}, written by the controller) into the
 * activator's routing-table entries, as a Knative activator reads it: the main host
 * {@code {name}.{namespace}.{domain}} splits traffic between every target with a positive percent (a
 * revision named twice gets the sum), and each tag gets the host {@code {tag}-{name}.{namespace}.{domain}}
 * sending everything to its revision. A Route whose status has no traffic yet serves no host. Pure.
 */
public final class RouteHosts {

    private RouteHosts() {
    }

    /** The hosts {@code route} serves under {@code domain}; empty while its traffic is not resolved. */
    public static List<HostRoute> of(Route route, String domain) {
        String namespace = route.getMetadata().getNamespace();
        String name = route.getMetadata().getName();
        List<TrafficTarget> traffic = route.getStatus() == null ? List.of() : route.getStatus().getTraffic();
        List<HostRoute> hosts = new ArrayList<>();
        List<WeightedRevision> main = mainTargets(namespace, traffic);
        if (!main.isEmpty()) {
            hosts.add(new HostRoute(host(name, namespace, domain), namespace, name, main));
        }
        for (TrafficTarget target : traffic) {
            if (hasText(target.getTag()) && hasText(target.getRevisionName())) {
                RevisionKey revision = new RevisionKey(namespace, target.getRevisionName());
                hosts.add(new HostRoute(host(target.getTag() + "-" + name, namespace, domain), namespace, name,
                        List.of(new WeightedRevision(revision, 100))));
            }
        }
        return hosts;
    }

    private static List<WeightedRevision> mainTargets(String namespace, List<TrafficTarget> traffic) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (TrafficTarget target : traffic) {
            long percent = target.getPercent() == null ? 0 : target.getPercent();
            if (percent > 0 && hasText(target.getRevisionName())) {
                weights.merge(target.getRevisionName(), (int) percent, Integer::sum);
            }
        }
        List<WeightedRevision> targets = new ArrayList<>();
        weights.forEach((revision, percent) -> targets.add(new WeightedRevision(new RevisionKey(namespace, revision), percent)));
        return targets;
    }

    private static String host(String name, String namespace, String domain) {
        return (name + "." + namespace + "." + domain).toLowerCase(Locale.ROOT);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }
}
