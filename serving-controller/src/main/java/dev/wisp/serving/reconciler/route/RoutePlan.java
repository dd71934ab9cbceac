package dev.wisp.serving.reconciler.route;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.serving.reconciler.route.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a Route reconcile should do: the hosts to put in the routing table (empty when traffic
 * could not be resolved; the previous entry then stays), the Route's new status, the rollout state
 * to keep (empty: keep what is stored) and when to reconcile again for the next rollout step.
 */
public record RoutePlan(Optional<List<HostRoute>> hosts, RouteStatus status, Optional<RolloutState> rollout,
                        Optional<Instant> nextStep) {

    public RoutePlan(Optional<List<HostRoute>> hosts, RouteStatus status) {
        this(hosts, status, Optional.empty(), Optional.empty());
    }
}
