package dev.wisp.serving.kubernetes.controller;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServingDefaults;
import dev.wisp.serving.reconciler.ChildApplier;
import dev.wisp.serving.reconciler.service.Names;
import dev.wisp.serving.reconciler.service.ServicePlan;
import dev.wisp.serving.reconciler.service.ServicePlanner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a Knative Service on Kubernetes: applies the Configuration and Route that
 * {@link ServicePlanner} plans (controlled by the Service) and writes the propagated status.
 * Deleting the Service is left to Kubernetes' garbage collector, which follows the owner references.
 */
public final class ServiceController implements Reconciler<Service> {
    private final ChildWriter children;
    private final StatusUpdater statuses;
    private final Clock clock;

    public ServiceController(ChildWriter children, StatusUpdater statuses, Clock clock) {
        this.children = children;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Service>> prepareEventSources(EventSourceContext<Service> context) {
        return List.of(Caches.owned(Configuration.class, context), Caches.owned(Route.class, context));
    }

    @Override
    public UpdateControl<Service> reconcile(Service observed, Context<Service> context) {
        Service service = ServingDefaults.apply(observed); // no admission webhook here: Knative's defaults in memory
        String namespace = service.getMetadata().getNamespace();
        Optional<Configuration> configuration = Caches.get(context, Configuration.class, namespace,
                Names.configuration(service));
        Optional<Route> route = Caches.get(context, Route.class, namespace, Names.route(service));
        ServicePlan plan = ServicePlanner.plan(service, configuration, route, clock.instant());
        plan.configuration().ifPresent(desired -> children.apply(service, desired, configuration,
                Caches.of(context, Configuration.class), ChildApplier::upToDate, ChildApplier::merged));
        plan.route().ifPresent(desired -> children.apply(service, desired, route,
                Caches.of(context, Route.class), ChildApplier::upToDate, ChildApplier::merged));
        statuses.write(service, plan.status());
        return UpdateControl.noUpdate();
    }
}
