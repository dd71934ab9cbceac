package dev.wisp.serving.reconciler.route;

import dev.wisp.api.dataplane.RoutingTable;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles a Route: writes the hosts {@link RoutePlanner} plans into the routing table (keeping
 * the previous entry when traffic cannot be resolved) and the status; removes the hosts of a
 * Route that is gone.
 */
public final class RouteReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(RouteReconciler.class);

    private final ResourceStore store;
    private final RoutingTable routing;
    private final RouteDomain domain;
    private final StatusWriter statusWriter;
    private final Clock clock;

    public RouteReconciler(ResourceStore store, RoutingTable routing, RouteDomain domain, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.domain = domain;
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
        RoutePlan plan = RoutePlanner.plan(route, byName(Configuration.class, namespace),
                byName(Revision.class, namespace), domain, clock.instant());
        plan.hosts().ifPresent(hosts -> routing.replace(namespace, name, hosts));
        if (statusWriter.write(route, plan.status())) {
            LOG.infof("route status namespace=%s route=%s ready=%s traffic=%s", namespace, name,
                    plan.status().isReady(), plan.hosts().map(h -> h.get(0).targets()).orElse(null));
        }
    }

    private <T extends HasMetadata> Map<String, T> byName(Class<T> type, String namespace) {
        return store.list(type, namespace).stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
}
