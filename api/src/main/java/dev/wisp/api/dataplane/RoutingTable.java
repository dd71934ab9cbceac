package dev.wisp.api.dataplane;

import java.util.List;
import java.util.Optional;

/**
 * The table the activator reads to route a request by its Host header; the Route reconciler
 * writes it. Implementations are safe for concurrent readers and writers.
 */
public interface RoutingTable {

    /** The route for a host name (lower case, without port), if any route serves it. */
    Optional<HostRoute> lookup(String host);

    /** Replaces every host served by the route {@code namespace/routeName} with {@code hosts}. */
    void replace(String namespace, String routeName, List<HostRoute> hosts);

    /** Removes every host served by the route {@code namespace/routeName}. */
    void remove(String namespace, String routeName);
}
