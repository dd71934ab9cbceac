package dev.wisp.api.dataplane;

/** A ready instance of a revision that accepts HTTP on {@code host:port}. */
public record Endpoint(String instanceId, String host, int port) {

    /** As the record's own, spelled out: endpoints are hashed several times per proxied request. */
    @Override
    public int hashCode() {
        return (31 * java.util.Objects.hashCode(instanceId) + java.util.Objects.hashCode(host)) * 31 + port;
    }
}
