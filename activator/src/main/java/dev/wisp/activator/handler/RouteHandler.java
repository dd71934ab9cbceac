package dev.wisp.activator.handler;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.activator.proxy.Exchange;

/** Handles a request whose Host header matched {@code route}. */
@FunctionalInterface
public interface RouteHandler {
    void handle(Exchange exchange, HostRoute route);
}
