package dev.wisp.activator.kubernetes;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.Arrays;
import java.util.List;

/** Small builders of the objects the controller and Kubernetes write, as the activator sees them. */
final class KnativeObjects {
    static final String NAMESPACE = "default";

    private KnativeObjects() {
    }

    /** A Route whose status sends traffic to the given targets. */
    static Route route(String name, TrafficTarget... traffic) {
        Route route = new Route();
        route.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        RouteStatus status = new RouteStatus();
        status.setTraffic(Arrays.asList(traffic));
        route.setStatus(status);
        return route;
    }

    static TrafficTarget target(String revision, long percent, String tag) {
        return new TrafficTarget(revision, null, null, percent, tag);
    }

    /** A Revision with the given containerConcurrency and timeoutSeconds. */
    static Revision revision(String name, long containerConcurrency, long timeoutSeconds) {
        Revision revision = new Revision();
        revision.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        RevisionSpec spec = new RevisionSpec();
        spec.setContainerConcurrency(containerConcurrency);
        spec.setTimeoutSeconds(timeoutSeconds);
        revision.setSpec(spec);
        return revision;
    }

    /** The EndpointSlice of the revision's Service with one endpoint per {@code pod=ready} entry, all on 127.0.0.1:port. */
    static EndpointSlice slice(String revision, int port, List<String> pods, List<Boolean> ready) {
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName(revision + "-abcde")
                .withNamespace(NAMESPACE).addToLabels(KubernetesInstanceDirectory.SERVICE_NAME_LABEL, revision)
                .endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort();
        for (int i = 0; i < pods.size(); i++) {
            // distinct loopback addresses stand for distinct pods; 127.0.0.1 is the one the backend listens on
            slice.addToEndpoints(new EndpointBuilder().withAddresses("127.0.0." + (i + 1))
                    .withNewConditions().withReady(ready.get(i)).endConditions()
                    .withNewTargetRef().withKind("Pod").withName(pods.get(i)).withNamespace(NAMESPACE).endTargetRef()
                    .build());
        }
        return slice.build();
    }
}
