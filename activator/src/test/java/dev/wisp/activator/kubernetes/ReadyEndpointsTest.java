package dev.wisp.activator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadyEndpointsTest {

    record Case(String name, List<EndpointSlice> slices, List<Endpoint> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<EndpointPort> http = List.of(port("http", 8080, "TCP"));
        return Stream.of(
                new Case("ready and unset readiness count, not-ready does not",
                        List.of(slice(http, pod("p1", "10.0.0.1", true), pod("p2", "10.0.0.2", null), pod("p3", "10.0.0.3", false))),
                        List.of(new Endpoint("p1", "10.0.0.1", 8080), new Endpoint("p2", "10.0.0.2", 8080))),
                new Case("endpoints of several slices are merged",
                        List.of(slice(http, pod("p1", "10.0.0.1", true)), slice(http, pod("p2", "10.0.0.2", true))),
                        List.of(new Endpoint("p1", "10.0.0.1", 8080), new Endpoint("p2", "10.0.0.2", 8080))),
                new Case("the port named http wins over others",
                        List.of(slice(List.of(port("metrics", 9090, "TCP"), port("http", 8012, "TCP")), pod("p1", "10.0.0.1", true))),
                        List.of(new Endpoint("p1", "10.0.0.1", 8012))),
                new Case("else the first TCP port",
                        List.of(slice(List.of(port("dns", 53, "UDP"), port("web", 3000, null)), pod("p1", "10.0.0.1", true))),
                        List.of(new Endpoint("p1", "10.0.0.1", 3000))),
                new Case("a slice without ports contributes nothing", List.of(slice(List.of(), pod("p1", "10.0.0.1", true))), List.of()),
                new Case("an endpoint without a pod is named by its address",
                        List.of(slice(http, new EndpointBuilder().withAddresses("10.0.0.9").build())),
                        List.of(new Endpoint("10.0.0.9", "10.0.0.9", 8080))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readyEndpointsAreTheInstances(Case c) {
        assertThat(ReadyEndpoints.of(c.slices())).isEqualTo(c.expected());
    }

    static EndpointSlice slice(List<EndpointPort> ports, io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName("s").endMetadata().withAddressType("IPv4")
                .withPorts(ports).withEndpoints(endpoints).build();
    }

    static EndpointPort port(String name, int port, String protocol) {
        EndpointPort out = new EndpointPort();
        out.setName(name);
        out.setPort(port);
        out.setProtocol(protocol);
        return out;
    }

    static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint pod(String name, String address, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions()
                .withNewTargetRef().withKind("Pod").withName(name).endTargetRef().build();
    }
}
