package dev.wisp.activator.handler;

import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.http.HttpServerRequest;

/** Handles a request that was assigned to {@code revision}. */
@FunctionalInterface
public interface RevisionHandler {
    void handle(HttpServerRequest request, RevisionKey revision);
}
