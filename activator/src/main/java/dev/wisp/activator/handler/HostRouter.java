package dev.wisp.activator.handler;

import dev.wisp.activator.proxy.Replies;
import dev.wisp.activator.proxy.RequestBody;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RoutingTable;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first handler of the activator: pauses the request body, looks the Host header up in the
 * {@link RoutingTable} and passes the request on with its route, or answers 404 naming the host.
 */
public final class HostRouter implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(HostRouter.class);

    private final RoutingTable routes;
    private final RouteHandler next;

    public HostRouter(RoutingTable routes, RouteHandler next) {
        this.routes = routes;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        // Nothing of the body is read until an instance is chosen; backpressure holds the rest.
        if (!RequestBody.isAbsent(request)) {
            request.pause();
        }
        String host = HostHeader.hostName(RequestAuthority.of(request));
        Optional<HostRoute> route = host.isEmpty() ? Optional.empty() : routes.lookup(host);
        if (route.isEmpty()) {
            LOG.debugf("event=unknown-host host=%s", host);
            Replies.text(request, 404, "no service for host \"" + host + "\"");
            return;
        }
        next.handle(request, route.get());
    }
}
