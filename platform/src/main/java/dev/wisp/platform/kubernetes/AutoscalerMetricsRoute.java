package dev.wisp.platform.kubernetes;

import dev.wisp.autoscaler.remote.MetricsEndpoint;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the autoscaler's metrics endpoint ({@code POST /autoscaler/v1/metrics}, where activators
 * report in Kubernetes mode) on the API port; answers 404 with a reason in a process that does not
 * run the autoscaler role.
 */
@ApplicationScoped
public class AutoscalerMetricsRoute {
    private volatile MetricsEndpoint endpoint;

    /** Serves reports to {@code started} from now on. */
    public void attach(MetricsEndpoint started) {
        this.endpoint = started;
    }

    public void detach() {
        this.endpoint = null;
    }

    void mount(@Observes Router router) {
        MetricsEndpoint.mount(router, this::handle);
    }

    private void handle(RoutingContext context) {
        MetricsEndpoint current = endpoint;
        if (current == null) {
            context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"this process does not run the autoscaler role (WISP_ROLES)\"}");
            return;
        }
        current.handle(context);
    }
}
