package dev.wisp.serving.reconciler.route;

import dev.wisp.api.dataplane.RoutingTable;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Ownership;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import dev.wisp.serving.reconciler.route.rollout.RolloutState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles a Route: writes the hosts {@link RoutePlanner} plans into the routing table (keeping
 * the previous entry when traffic cannot be resolved), keeps the rollout state in the Route's
 * {@value RolloutState#ANNOTATION} annotation, asks to be called again for the next rollout step
 * and writes the status; removes the hosts of a Route that is gone.
 */
public final class RouteReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(RouteReconciler.class);

    private final ResourceStore store;
    private final RoutingTable routing;
    private final RouteDomain domain;
    private final Duration globalRolloutDuration;
    private final RouteRequeue requeue;
    private final StatusWriter statusWriter;
    private final Clock clock;

    /** A reconciler without gradual rollout (unless a Route or Service asks for one by annotation). */
    public RouteReconciler(ResourceStore store, RoutingTable routing, RouteDomain domain, Clock clock) {
        this(store, routing, domain, Duration.ZERO, (namespace, name, delay) -> { }, clock);
    }

    public RouteReconciler(ResourceStore store, RoutingTable routing, RouteDomain domain,
                           Duration globalRolloutDuration, RouteRequeue requeue, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.domain = domain;
        this.globalRolloutDuration = globalRolloutDuration;
        this.requeue = requeue;
        this.statusWriter = new StatusWriter(store);
        this.clock = clock;
    }

    @Override
    public void reconcile(String namespace, String name) {
        Optional<Route> found = store.get(Route.class, namespace, name);
        if (found.isEmpty()) {
            routing.remove(namespace, name);
            return;
        }
        Route route = found.get();
        Instant now = clock.instant();
        Duration rolloutDuration = RolloutDurations.effective(route, owningService(route), globalRolloutDuration);
        RoutePlan plan = RoutePlanner.plan(route, byName(Configuration.class, namespace),
                byName(Revision.class, namespace), domain, rolloutDuration, now);
        plan.hosts().ifPresent(hosts -> routing.replace(namespace, name, hosts));
        Route stored = plan.rollout().map(rollout -> keepRollout(route, rollout)).orElse(route);
        plan.nextStep().ifPresent(at -> requeue.after(namespace, name,
                Duration.between(now, at).isNegative() ? Duration.ZERO : Duration.between(now, at)));
        if (statusWriter.write(stored, plan.status())) {
            LOG.infof("route status namespace=%s route=%s ready=%s traffic=%s", namespace, name,
                    plan.status().isReady(), plan.hosts().map(h -> h.get(0).targets()).orElse(null));
        }
    }

    /** Stores the rollout state on the Route when it changed; returns the Route as stored now. */
    private Route keepRollout(Route route, RolloutState rollout) {
        Map<String, String> annotations = route.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(route.getMetadata().getAnnotations());
        String json = rollout.toJson();
        if (Objects.equals(annotations.get(RolloutState.ANNOTATION), json)) {
            return route;
        }
        annotations.put(RolloutState.ANNOTATION, json);
        route.getMetadata().setAnnotations(annotations);
        LOG.debugf("route rollout namespace=%s route=%s state=%s", route.getMetadata().getNamespace(),
                route.getMetadata().getName(), json);
        Route updated = store.update(route);
        updated.setStatus(route.getStatus());
        return updated;
    }

    private Optional<Service> owningService(Route route) {
        return Ownership.controllerOf(route)
                .filter(owner -> "Service".equals(owner.getKind()))
                .flatMap(owner -> store.get(Service.class, route.getMetadata().getNamespace(), owner.getName()));
    }

    private <T extends HasMetadata> Map<String, T> byName(Class<T> type, String namespace) {
        return store.list(type, namespace).stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
}
