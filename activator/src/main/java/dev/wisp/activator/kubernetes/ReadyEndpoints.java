package dev.wisp.activator.kubernetes;

import dev.wisp.api.dataplane.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ready instances of a revision from the EndpointSlices of its Service: every endpoint whose
 * {@code conditions.ready} is true or unset (as Kubernetes defines it) at its first address and the
 * slice's HTTP port (the port named {@code http}, else the first TCP one). An endpoint is named by its
 * pod ({@code targetRef.name}), else by its address. Slices without a usable port contribute nothing. Pure.
 */
public final class ReadyEndpoints {

    private ReadyEndpoints() {
    }

    /** The ready endpoints of {@code slices}, each address and port once, in slice order. */
    public static List<Endpoint> of(Collection<EndpointSlice> slices) {
        Set<Endpoint> out = new LinkedHashSet<>();
        for (EndpointSlice slice : slices) {
            Integer port = httpPort(slice.getPorts());
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
                if (isReady(endpoint.getConditions()) && endpoint.getAddresses() != null
                        && !endpoint.getAddresses().isEmpty()) {
                    String address = endpoint.getAddresses().get(0);
                    String id = endpoint.getTargetRef() != null && endpoint.getTargetRef().getName() != null
                            ? endpoint.getTargetRef().getName() : address;
                    out.add(new Endpoint(id, address, port));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean isReady(EndpointConditions conditions) {
        return conditions == null || conditions.getReady() == null || conditions.getReady();
    }

    private static Integer httpPort(List<EndpointPort> ports) {
        if (ports == null) {
            return null;
        }
        Integer first = null;
        for (EndpointPort port : ports) {
            if (port.getPort() == null || (port.getProtocol() != null && !"TCP".equals(port.getProtocol()))) {
                continue;
            }
            if ("http".equals(port.getName())) {
                return port.getPort();
            }
            if (first == null) {
                first = port.getPort();
            }
        }
        return first;
    }
}
