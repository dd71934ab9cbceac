package dev.wisp.api.dataplane;

/** A ready instance of a revision that accepts HTTP on {@code host:port}. */
public record Endpoint(String instanceId, String host, int port) {
}
