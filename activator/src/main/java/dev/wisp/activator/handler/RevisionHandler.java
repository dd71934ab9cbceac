package dev.wisp.activator.handler;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.activator.proxy.Exchange;

/** Handles a request that was assigned to {@code revision}. */
@FunctionalInterface
public interface RevisionHandler {
    void handle(Exchange exchange, RevisionKey revision);
}
