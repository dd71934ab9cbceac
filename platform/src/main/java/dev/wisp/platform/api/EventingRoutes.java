package dev.wisp.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.eventing.dispatcher.ParkedEvent;
import dev.wisp.eventing.dispatcher.ReplayResult;
import dev.wisp.platform.standalone.StandaloneEventing;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The API of a Trigger's parked events: {@code GET .../namespaces/{ns}/triggers/{name}/parked}
 * lists them, {@code POST .../replay} sends them to the subscriber again (and answers the outcome).
 */
@ApplicationScoped
public class EventingRoutes {
    static final String TRIGGERS = "/apis/wisp.dev/v1alpha1/namespaces/:ns/triggers/:name";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MeterRegistry meterRegistry;

    private volatile StandaloneEventing eventing;

    /** Serves the started eventing's Triggers and publishes their metrics on {@code /q/metrics}. */
    public void attach(StandaloneEventing started) {
        started.publishMetrics(meterRegistry);
        this.eventing = started;
    }

    public void detach() {
        this.eventing = null;
    }

    void onStop(@Observes ShutdownEvent event) {
        detach();
    }

    void mount(@Observes Router router) {
        router.get(TRIGGERS + "/parked").blockingHandler(this::parked, false);
        router.post(TRIGGERS + "/replay").blockingHandler(this::replay, false);
    }

    private void parked(RoutingContext ctx) {
        StandaloneEventing running = running(ctx);
        if (running == null) {
            return;
        }
        String ns = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        try {
            Optional<List<ParkedEvent>> parked = running.dispatcher().parked(ns, name);
            if (parked.isEmpty()) {
                notDispatching(ctx, ns, name);
                return;
            }
            ArrayNode items = JSON.createArrayNode();
            parked.get().forEach(p -> items.add(view(p)));
            ObjectNode body = JSON.createObjectNode().put("trigger", ns + "/" + name);
            body.set("items", items);
            ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
        } catch (RuntimeException e) {
            ApiResponses.error(ctx, 503, "ServiceUnavailable", "parked events of " + ns + "/" + name + " unreadable: " + e.getMessage());
        }
    }

    private void replay(RoutingContext ctx) {
        StandaloneEventing running = running(ctx);
        if (running == null) {
            return;
        }
        String ns = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        try {
            Optional<ReplayResult> result = running.dispatcher().replay(ns, name);
            if (result.isEmpty()) {
                notDispatching(ctx, ns, name);
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("trigger", ns + "/" + name).put("replayed", result.get().replayed());
            ObjectNode outcomes = body.putObject("resolutions");
            result.get().resolutions().forEach((r, n) -> outcomes.put(r.name().toLowerCase(java.util.Locale.ROOT), n));
            ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
        } catch (Exception e) {
            ApiResponses.error(ctx, 503, "ServiceUnavailable", "replay of " + ns + "/" + name + " failed: " + e.getMessage());
        }
    }

    private static ObjectNode view(ParkedEvent parked) {
        CloudEvent event = parked.event();
        ObjectNode node = JSON.createObjectNode().put("offset", parked.offset()).put("id", event.getId())
                .put("type", event.getType()).put("source", String.valueOf(event.getSource()))
                .put("reason", parked.reason()).put("parkedAt", parked.parkedAt());
        return node;
    }

    private StandaloneEventing running(RoutingContext ctx) {
        StandaloneEventing running = eventing;
        if (running == null) {
            ApiResponses.error(ctx, 503, "ServiceUnavailable", "eventing is not running (starting, stopping or disabled)");
        }
        return running;
    }

    private static void notDispatching(RoutingContext ctx, String ns, String name) {
        ApiResponses.error(ctx, 404, "NotFound", "trigger " + ns + "/" + name + " is not dispatching (unknown or not ready)");
    }
}
