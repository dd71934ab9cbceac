package dev.wisp.activator.handler;

import dev.wisp.api.dataplane.HostRoute;
import io.vertx.core.http.HttpServerRequest;

/** Handles a request whose Host header matched {@code route}. */
@FunctionalInterface
public interface RouteHandler {
    void handle(HttpServerRequest request, HostRoute route);
}
