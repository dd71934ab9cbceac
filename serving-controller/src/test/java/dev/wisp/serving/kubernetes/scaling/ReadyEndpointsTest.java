package dev.wisp.serving.kubernetes.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadyEndpointsTest {

    record Case(String name, List<EndpointSlice> slices, int ready) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no slices", List.of(), 0),
                new Case("ready, not ready and unset (nil means ready)",
                        List.of(slice(pod("a", "10.0.0.1", true), pod("b", "10.0.0.2", false), pod("c", "10.0.0.3", null))), 2),
                new Case("a pod in two slices (dual stack) counts once",
                        List.of(slice(pod("a", "10.0.0.1", true)), slice(pod("a", "fd00::1", true))), 1),
                new Case("a slice without endpoints", List.of(new EndpointSliceBuilder().build()), 0),
                new Case("endpoints without a target counted by address",
                        List.of(slice(pod(null, "10.0.0.1", true), pod(null, "10.0.0.2", true))), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsReadyPods(Case c) {
        assertThat(ReadyEndpoints.count(c.slices())).isEqualTo(c.ready());
    }

    private static EndpointSlice slice(Endpoint... endpoints) {
        return new EndpointSliceBuilder().withEndpoints(endpoints).build();
    }

    private static Endpoint pod(String name, String address, Boolean ready) {
        EndpointBuilder builder = new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions();
        if (name != null) {
            builder.withNewTargetRef().withKind("Pod").withNamespace("ns").withName(name).endTargetRef();
        }
        return builder.build();
    }
}
