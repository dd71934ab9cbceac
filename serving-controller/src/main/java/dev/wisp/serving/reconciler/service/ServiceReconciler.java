package dev.wisp.serving.reconciler.service;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.ChildApplier;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import java.time.Clock;
import java.util.Optional;

/**
 * Reconciles a Service: applies the Configuration and Route {@link ServicePlanner} plans and
 * writes the propagated status. A deleted Service needs nothing: the store deletes its children.
 */
public final class ServiceReconciler implements Reconciler {
    private final ResourceStore store;
    private final ChildApplier applier;
    private final StatusWriter statusWriter;
    private final Clock clock;

    public ServiceReconciler(ResourceStore store, Clock clock) {
        this.store = store;
        this.applier = new ChildApplier(store);
        this.statusWriter = new StatusWriter(store);
        this.clock = clock;
    }

    @Override
    public void reconcile(String namespace, String name) {
        Optional<Service> found = store.get(Service.class, namespace, name);
        if (found.isEmpty()) {
            return;
        }
        Service service = found.get();
        Optional<Configuration> configuration = store.get(Configuration.class, namespace, Names.configuration(service));
        Optional<Route> route = store.get(Route.class, namespace, Names.route(service));
        ServicePlan plan = ServicePlanner.plan(service, configuration, route, clock.instant());
        plan.configuration().ifPresent(desired -> applier.apply(desired, configuration));
        plan.route().ifPresent(desired -> applier.apply(desired, route));
        statusWriter.write(service, plan.status());
    }
}
