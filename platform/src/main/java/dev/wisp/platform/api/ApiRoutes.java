package dev.wisp.platform.api;

import dev.wisp.platform.standalone.StandaloneWisp;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;

/**
 * Mounts Wisp's REST API on the Quarkus HTTP server (the API port) at Kubernetes-style paths.
 * Requests are answered 503 until {@code wisp up} has started the platform.
 */
@ApplicationScoped
public class ApiRoutes {
    static final String SERVING = "/apis/serving.knative.dev/v1";
    static final String EVENTING = "/apis/eventing.knative.dev/v1";
    static final String WISP = "/apis/wisp.dev/v1alpha1";
    static final String BUILD = "/apis/build.wisp.dev/v1alpha1";
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private volatile StandaloneWisp wisp;
    private volatile ResourceApi api;

    public void attach(StandaloneWisp started) {
        this.wisp = started;
        this.api = new ResourceApi(started.store(), started.runtime(), new Admission(started.settings().autoscalerDefaults()));
    }

    /** Stops the platform (idempotent); called after Ctrl-C and on Quarkus shutdown. */
    public void detach() {
        StandaloneWisp running = wisp;
        api = null;
        if (running != null) {
            running.close();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        detach();
    }

    void mount(@Observes Router router) {
        router.route("/apis/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        blocking(router.post(WISP + "/apply"), ResourceApi::apply);
        for (String group : new String[] {SERVING, EVENTING, BUILD}) {
            blocking(router.get(group + "/:plural"), ResourceApi::listAll);
            blocking(router.get(group + "/namespaces/:ns/:plural"), ResourceApi::list);
            blocking(router.post(group + "/namespaces/:ns/:plural"), ResourceApi::create);
            blocking(router.get(group + "/namespaces/:ns/:plural/:name"), ResourceApi::get);
            blocking(router.put(group + "/namespaces/:ns/:plural/:name"), ResourceApi::replace);
            blocking(router.delete(group + "/namespaces/:ns/:plural/:name"), ResourceApi::delete);
        }
        blocking(router.get(SERVING + "/namespaces/:ns/revisions/:name/log"), ResourceApi::log);
        blocking(router.get(SERVING + "/namespaces/:ns/revisions/:name/instances"), ResourceApi::instances);
        router.get(BUILD + "/namespaces/:ns/builds/:name/log").blockingHandler(ctx -> BuildLogRoute.handle(wisp, ctx), false);
    }

    private void blocking(io.vertx.ext.web.Route route, BiConsumer<ResourceApi, RoutingContext> handler) {
        route.blockingHandler(ctx -> {
            ResourceApi current = api;
            if (current == null) {
                ApiResponses.error(ctx, 503, "ServiceUnavailable", "wisp is not running (starting or stopping)");
                return;
            }
            try {
                handler.accept(current, ctx);
            } catch (RuntimeException e) {
                ApiResponses.failure(ctx, e);
            }
        }, false);
    }
}
