package dev.wisp.serving.kubernetes.controller;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.serving.reconciler.Ownership;
import dev.wisp.serving.reconciler.route.RolloutDurations;
import dev.wisp.serving.reconciler.route.RouteDomain;
import dev.wisp.serving.reconciler.route.RoutePlan;
import dev.wisp.serving.reconciler.route.RoutePlanner;
import dev.wisp.serving.reconciler.route.rollout.RolloutState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles a Route on Kubernetes: resolves its traffic with {@link RoutePlanner} against the
 * Configurations and Revisions of its namespace (any change to them reconciles the namespace's
 * Routes), steps a gradual rollout (its state kept in the {@value RolloutState#ANNOTATION}
 * annotation, the next step scheduled) and writes {@code status.traffic}, {@code url} and the
 * conditions. The activators build their routing tables from the Routes themselves.
 */
public final class RouteController implements Reconciler<Route> {
    private static final Logger LOG = Logger.getLogger(RouteController.class);

    private final KubernetesClient client;
    private final StatusUpdater statuses;
    private final RouteDomain domain;
    private final Duration globalRolloutDuration;
    private final Clock clock;

    public RouteController(KubernetesClient client, StatusUpdater statuses, RouteDomain domain,
                           Duration globalRolloutDuration, Clock clock) {
        this.client = client;
        this.statuses = statuses;
        this.domain = domain;
        this.globalRolloutDuration = globalRolloutDuration;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Route>> prepareEventSources(EventSourceContext<Route> context) {
        return List.of(Caches.mapped(Configuration.class, routesOfNamespace(context), context),
                Caches.mapped(Revision.class, routesOfNamespace(context), context));
    }

    @Override
    public UpdateControl<Route> reconcile(Route route, Context<Route> context) {
        String namespace = route.getMetadata().getNamespace();
        Instant now = clock.instant();
        Duration rolloutDuration = RolloutDurations.effective(route, owningService(route), globalRolloutDuration);
        RoutePlan plan = RoutePlanner.plan(route, Caches.byName(context, Configuration.class, namespace),
                Caches.byName(context, Revision.class, namespace), domain, rolloutDuration, now);
        plan.rollout().ifPresent(rollout -> keepRollout(route, rollout));
        if (statuses.write(route, plan.status())) {
            LOG.infof("route status namespace=%s route=%s ready=%s url=%s", namespace, route.getMetadata().getName(),
                    plan.status().isReady(), plan.status().getUrl());
        }
        return plan.nextStep()
                .map(at -> UpdateControl.<Route>noUpdate().rescheduleAfter(nonNegative(Duration.between(now, at))))
                .orElseGet(UpdateControl::noUpdate);
    }

    /** Stores the rollout state in the Route's annotation when it changed. */
    private void keepRollout(Route route, RolloutState rollout) {
        String json = rollout.toJson();
        Map<String, String> annotations = route.getMetadata().getAnnotations();
        if (annotations != null && Objects.equals(annotations.get(RolloutState.ANNOTATION), json)) {
            return;
        }
        client.resources(Route.class).inNamespace(route.getMetadata().getNamespace())
                .withName(route.getMetadata().getName())
                .edit(live -> {
                    Map<String, String> updated = live.getMetadata().getAnnotations() == null
                            ? new HashMap<>() : new HashMap<>(live.getMetadata().getAnnotations());
                    updated.put(RolloutState.ANNOTATION, json);
                    live.getMetadata().setAnnotations(updated);
                    return live;
                });
    }

    private Optional<Service> owningService(Route route) {
        return Ownership.controllerOf(route)
                .filter(owner -> "Service".equals(owner.getKind()) && Serving.API_VERSION.equals(owner.getApiVersion()))
                .map(owner -> client.resources(Service.class).inNamespace(route.getMetadata().getNamespace())
                        .withName(owner.getName()).get());
    }

    /** Any Configuration or Revision change may change how the Routes of its namespace resolve. */
    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> routesOfNamespace(EventSourceContext<Route> context) {
        return changed -> context.getPrimaryCache()
                .list(route -> Objects.equals(route.getMetadata().getNamespace(), changed.getMetadata().getNamespace()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static Duration nonNegative(Duration delay) {
        return delay.isNegative() ? Duration.ZERO : delay;
    }
}
