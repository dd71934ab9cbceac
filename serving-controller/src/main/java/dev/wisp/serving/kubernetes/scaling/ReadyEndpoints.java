package dev.wisp.serving.kubernetes.scaling;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the ready pods behind a Service from its EndpointSlices: an endpoint whose
 * {@code conditions.ready} is true or unset (the API's "nil means ready"), each pod once even when
 * it appears in several slices (dual-stack Services have one slice per address family).
 */
public final class ReadyEndpoints {

    private ReadyEndpoints() {
    }

    public static int count(Collection<EndpointSlice> slices) {
        Set<String> ready = new HashSet<>();
        for (EndpointSlice slice : slices) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (isReady(endpoint)) {
                    ready.add(identity(endpoint));
                }
            }
        }
        return ready.size();
    }

    private static boolean isReady(Endpoint endpoint) {
        return endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                || endpoint.getConditions().getReady();
    }

    /** The pod an endpoint stands for: its target reference, else its first address. */
    private static String identity(Endpoint endpoint) {
        if (endpoint.getTargetRef() != null && endpoint.getTargetRef().getName() != null) {
            return endpoint.getTargetRef().getNamespace() + "/" + endpoint.getTargetRef().getName();
        }
        return endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()
                ? "unaddressed-" + System.identityHashCode(endpoint) : endpoint.getAddresses().get(0);
    }
}
