package dev.wisp.activator.handler;

import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RoutingTable;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first handler of the activator: looks the authority the client addressed up in the
 * {@link RoutingTable} and passes the exchange on with its route, or answers 404 naming the host.
 * One per event loop. Routes are looked up afresh for every request (the table changes); only the
 * parsing of the authority into a host name is remembered.
 */
public final class HostRouter {

    private static final Logger LOG = Logger.getLogger(HostRouter.class);

    private final RoutingTable routes;
    private final RouteHandler next;
    /** Used by the router's loop only: a keep-alive client's repeated Host is parsed once. */
    private final RecentHostName hostNames = new RecentHostName();

    public HostRouter(RoutingTable routes, RouteHandler next) {
        this.routes = routes;
        this.next = next;
    }

    /** Routes one exchange whose request head just arrived. */
    public void handle(Exchange exchange) {
        String host = hostNames.of(exchange.authority());
        Optional<HostRoute> route = host.isEmpty() ? Optional.empty() : routes.lookup(host);
        if (route.isEmpty()) {
            LOG.debugf("event=unknown-host host=%s", host);
            Replies.text(exchange, 404, "no service for host \"" + host + "\"");
            return;
        }
        next.handle(exchange, route.get());
    }
}
