package dev.wisp.serving.reconciler.service;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.ServiceStatus;
import java.util.Optional;

/**
 * What a Service reconcile should do: the children to apply (empty when a same-named child exists
 * that the Service does not own, which is then left alone) and the Service's new status.
 */
public record ServicePlan(Optional<Configuration> configuration, Optional<Route> route, ServiceStatus status) {
}
