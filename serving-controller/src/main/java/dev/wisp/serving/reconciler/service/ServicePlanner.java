package dev.wisp.serving.reconciler.service;

import dev.wisp.api.serving.v1.Addressable;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.reconciler.ChildApplier;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import dev.wisp.serving.reconciler.service.resources.ConfigurationBuilder;
import dev.wisp.serving.reconciler.service.resources.RouteBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a Service reconcile without I/O: the Configuration and Route it wants, and its status
 * propagated from theirs (ConfigurationsReady, RoutesReady, URL, traffic, revision names).
 */
public final class ServicePlanner {
    public static final String NOT_OWNED = "NotOwned";
    public static final String OUT_OF_DATE = "OutOfDate";
    public static final String TRAFFIC_NOT_MIGRATED = "TrafficNotMigrated";

    private ServicePlanner() {
    }

    /** Plans from the Service and its children as stored now (empty when missing). */
    public static ServicePlan plan(Service service, Optional<Configuration> configuration,
                                   Optional<Route> route, Instant now) {
        ServiceStatus status = Json.copy(service.getStatus(), ServiceStatus.class);
        if (status == null) {
            status = new ServiceStatus();
        }
        status.setObservedGeneration(service.getMetadata().getGeneration());
        Configuration wantedConfiguration = ConfigurationBuilder.make(service);
        Route wantedRoute = RouteBuilder.make(service);
        boolean configurationOwned = configuration.map(c -> Ownership.isControlledBy(c, service)).orElse(true);
        boolean routeOwned = route.map(r -> Ownership.isControlledBy(r, service)).orElse(true);

        if (configurationOwned) {
            propagateConfiguration(status, wantedConfiguration, configuration, now);
        } else {
            status.markFalse(ServiceStatus.CONFIGURATIONS_READY, NOT_OWNED, notOwned("Configuration", wantedConfiguration), now);
        }
        if (routeOwned) {
            propagateRoute(status, wantedRoute, route, configuration, now);
        } else {
            status.markFalse(ServiceStatus.ROUTES_READY, NOT_OWNED, notOwned("Route", wantedRoute), now);
        }
        return new ServicePlan(configurationOwned ? Optional.of(wantedConfiguration) : Optional.empty(),
                routeOwned ? Optional.of(wantedRoute) : Optional.empty(), status);
    }

    private static void propagateConfiguration(ServiceStatus status, Configuration wanted,
                                               Optional<Configuration> existing, Instant now) {
        if (existing.isEmpty() || !current(wanted, existing.get())) {
            status.markUnknown(ServiceStatus.CONFIGURATIONS_READY, OUT_OF_DATE,
                    "The Configuration is still working to reflect the latest desired specification.", now);
            return;
        }
        Configuration configuration = existing.get();
        status.setLatestCreatedRevisionName(configuration.getStatus().getLatestCreatedRevisionName());
        status.setLatestReadyRevisionName(configuration.getStatus().getLatestReadyRevisionName());
        copyReady(configuration.getStatus(), status, ServiceStatus.CONFIGURATIONS_READY, now);
    }

    private static void propagateRoute(ServiceStatus status, Route wanted, Optional<Route> existing,
                                       Optional<Configuration> configuration, Instant now) {
        if (existing.isEmpty() || !current(wanted, existing.get())) {
            status.markUnknown(ServiceStatus.ROUTES_READY, OUT_OF_DATE,
                    "The Route is still working to reflect the latest desired specification.", now);
            return;
        }
        Route route = existing.get();
        status.setUrl(route.getStatus().getUrl());
        status.setAddress(Json.copy(route.getStatus().getAddress(), Addressable.class));
        status.setTraffic(Json.copy(route.getStatus(), RouteStatus.class).getTraffic());
        copyReady(route.getStatus(), status, ServiceStatus.ROUTES_READY, now);
        String latestReady = configuration.map(c -> c.getStatus().getLatestReadyRevisionName()).orElse(null);
        if (route.getStatus().isReady() && !followsLatest(route.getStatus().getTraffic(), latestReady)) {
            status.markUnknown(ServiceStatus.ROUTES_READY, TRAFFIC_NOT_MIGRATED,
                    "Traffic is not yet migrated to the latest ready revision.", now);
        }
    }

    /** Whether every latestRevision target of the route already points at the latest ready revision. */
    private static boolean followsLatest(List<TrafficTarget> traffic, String latestReady) {
        return traffic.stream()
                .filter(t -> Boolean.TRUE.equals(t.getLatestRevision()))
                .allMatch(t -> latestReady == null || Objects.equals(t.getRevisionName(), latestReady));
    }

    /** Whether the stored child has the wanted spec and its reconciler has seen that generation. */
    private static boolean current(HasMetadata wanted, HasMetadata existing) {
        KnativeStatus status = statusOf(existing);
        return ChildApplier.upToDate(wanted, existing) && status != null
                && Objects.equals(status.getObservedGeneration(), existing.getMetadata().getGeneration());
    }

    private static KnativeStatus statusOf(HasMetadata resource) {
        if (resource instanceof Configuration c) {
            return c.getStatus();
        }
        return ((Route) resource).getStatus();
    }

    private static void copyReady(KnativeStatus from, ServiceStatus to, String type, Instant now) {
        Optional<Condition> ready = from.condition(KnativeStatus.READY);
        if (ready.isEmpty()) {
            to.markUnknown(type, null, null, now);
        } else {
            to.mark(type, ready.get().getStatus(), ready.get().getReason(), ready.get().getMessage(), now);
        }
    }

    private static String notOwned(String kind, HasMetadata child) {
        return "There is an existing " + kind + " \"" + child.getMetadata().getName() + "\" that we do not own.";
    }
}
