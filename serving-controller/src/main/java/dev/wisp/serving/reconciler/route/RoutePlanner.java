package dev.wisp.serving.reconciler.route;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.serving.v1.Addressable;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.route.resources.HostRoutesBuilder;
import dev.wisp.serving.reconciler.route.rollout.GradualRollout;
import dev.wisp.serving.reconciler.route.rollout.RolloutState;
import dev.wisp.serving.reconciler.route.rollout.RolloutTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a Route reconcile without I/O: resolves its traffic, steps a gradual rollout of new latest
 * revisions ({@link GradualRollout}), builds its hosts and computes its status (AllTrafficAssigned,
 * IngressReady, URL, address, resolved traffic with tag URLs).
 */
public final class RoutePlanner {

    private RoutePlanner() {
    }

    /** Plans without gradual rollout: a new latest revision gets its configuration's share at once. */
    public static RoutePlan plan(Route route, Map<String, Configuration> configurations,
                                 Map<String, Revision> revisions, RouteDomain domain, Instant now) {
        return plan(route, configurations, revisions, domain, Duration.ZERO, now);
    }

    /**
     * Plans with the route's effective rollout duration; the rollout state routed by so far is read
     * from the route's {@value RolloutState#ANNOTATION} annotation.
     */
    public static RoutePlan plan(Route route, Map<String, Configuration> configurations,
                                 Map<String, Revision> revisions, RouteDomain domain, Duration rolloutDuration,
                                 Instant now) {
        RouteStatus status = Json.copy(route.getStatus(), RouteStatus.class);
        if (status == null) {
            status = new RouteStatus();
        }
        String name = route.getMetadata().getName();
        String namespace = route.getMetadata().getNamespace();
        String url = domain.url(domain.host(name, namespace));
        status.setObservedGeneration(route.getMetadata().getGeneration());
        status.setUrl(url);
        status.setAddress(new Addressable(url));
        TrafficResolution resolution = TrafficResolver.resolve(route, configurations, revisions);
        if (!resolution.succeeded()) {
            status.mark(RouteStatus.ALL_TRAFFIC_ASSIGNED, resolution.failureStatus(), resolution.failureReason(),
                    resolution.failureMessage(), now);
            return new RoutePlan(Optional.empty(), status);
        }
        RolloutState rollout = GradualRollout.step(RolloutTraffic.goal(resolution.targets()),
                RolloutState.parse(annotation(route, RolloutState.ANNOTATION)), rolloutDuration, now);
        List<TrafficTarget> targets = RolloutTraffic.apply(resolution.targets(), rollout);
        List<HostRoute> hosts = HostRoutesBuilder.make(route, targets, domain);
        status.setTraffic(withTagUrls(targets, name, namespace, domain));
        status.markTrue(RouteStatus.ALL_TRAFFIC_ASSIGNED, now);
        status.markTrue(RouteStatus.INGRESS_READY, now);
        return new RoutePlan(Optional.of(hosts), status, Optional.of(rollout), GradualRollout.nextStepTime(rollout));
    }

    private static String annotation(Route route, String key) {
        Map<String, String> annotations = route.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static List<TrafficTarget> withTagUrls(List<TrafficTarget> targets, String name, String namespace,
                                                   RouteDomain domain) {
        List<TrafficTarget> copies = targets.stream().map(t -> Json.copy(t, TrafficTarget.class)).toList();
        for (TrafficTarget target : copies) {
            target.setConfigurationName(null); // status names revisions only, as Knative's does
            if (target.getTag() != null && !target.getTag().isEmpty()) {
                target.setUrl(domain.url(domain.tagHost(target.getTag(), name, namespace)));
            }
        }
        return copies;
    }
}
