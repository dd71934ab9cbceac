package dev.wisp.serving.reconciler.service.resources;

import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.service.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Route a Service wants: its name, labels, owner and the Service's traffic. As in
 * Knative, a target without a revision name points at the Service's Configuration.
 */
public final class RouteBuilder {

    private RouteBuilder() {
    }

    public static Route make(Service service) {
        Route route = new Route();
        route.setMetadata(ServiceChildMetadata.of(service, Names.route(service)));
        List<TrafficTarget> traffic = new ArrayList<>();
        for (TrafficTarget target : service.getSpec().getTraffic()) {
            TrafficTarget copy = Json.copy(target, TrafficTarget.class);
            if (copy.getRevisionName() == null || copy.getRevisionName().isEmpty()) {
                copy.setConfigurationName(Names.configuration(service));
            }
            traffic.add(copy);
        }
        RouteSpec spec = new RouteSpec();
        spec.setTraffic(traffic);
        route.setSpec(spec);
        return route;
    }
}
