package dev.wisp.serving.reconciler.route;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.serving.v1.RouteStatus;
import java.util.List;
import java.util.Optional;

/**
 * What a Route reconcile should do: the hosts to put in the routing table (empty when traffic
 * could not be resolved; the previous entry then stays) and the Route's new status.
 */
public record RoutePlan(Optional<List<HostRoute>> hosts, RouteStatus status) {
}
