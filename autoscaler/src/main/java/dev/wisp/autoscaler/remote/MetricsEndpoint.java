package dev.wisp.autoscaler.remote;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * {@code POST /autoscaler/v1/metrics}: where activators report in Kubernetes mode. A valid
 * {@link ActivatorReport} goes to the {@link RemoteMetricsInput} and is answered 202; a body that is
 * not a JSON object, or a bad field, is answered 400 with {@code {"error": "<field path>: <problem>"}};
 * a body over 1 MiB 413.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {
    /** The endpoint's path. */
    public static final String PATH = "/autoscaler/v1/metrics";
    private static final long MAX_BODY = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class);

    private final RemoteMetricsInput input;

    public MetricsEndpoint(RemoteMetricsInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /** Adds the endpoint to {@code router}. */
    public void mount(Router router) {
        mount(router, this);
    }

    /** Adds {@code handler} at the endpoint's path behind the endpoint's body limit (a handler that delegates here). */
    public static void mount(Router router, Handler<RoutingContext> handler) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(handler);
    }

    @Override
    public void handle(RoutingContext context) {
        ActivatorReport report;
        try {
            report = ActivatorReportParser.parse(body(context));
        } catch (IllegalArgumentException e) {
            LOG.debugf("event=metrics-report-rejected remote=%s cause=\"%s\"", context.request().remoteAddress(),
                    e.getMessage());
            context.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", e.getMessage()).encode());
            return;
        }
        input.accept(report);
        context.response().setStatusCode(202).end();
    }

    private static JsonObject body(RoutingContext context) {
        try {
            Object parsed = context.body().buffer() == null ? null : context.body().buffer().toJsonValue();
            if (parsed instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException e) {
            throw new IllegalArgumentException("body: is not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("body: must be a JSON object with activator, through, metrics and pokes");
    }
}
