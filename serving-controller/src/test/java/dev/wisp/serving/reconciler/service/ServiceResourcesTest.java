package dev.wisp.serving.reconciler.service;

import static dev.wisp.serving.reconciler.Fixtures.pinned;
import static dev.wisp.serving.reconciler.Fixtures.latest;
import static dev.wisp.serving.reconciler.Fixtures.service;
import static dev.wisp.serving.reconciler.Fixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import dev.wisp.serving.reconciler.service.resources.ConfigurationBuilder;
import dev.wisp.serving.reconciler.service.resources.RouteBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceResourcesTest {

    record Case(String name, Service service, List<TrafficTarget> expectedRouteTraffic) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("default traffic follows the service's configuration", service("hello"),
                        List.of(new TrafficTarget(null, "hello", true, 100L, null))),
                new Case("pinned and tagged targets keep their revision", service("shop", s -> s.getSpec().setTraffic(
                        List.of(pinned("shop-00001", 90), tagged(latest(10), "canary")))),
                        List.of(new TrafficTarget("shop-00001", null, false, 90L, null),
                                new TrafficTarget(null, "shop", true, 10L, "canary"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configurationCarriesTemplateLabelAndOwner(Case c) {
        Configuration configuration = ConfigurationBuilder.make(c.service());

        assertChildOf(configuration, c.service());
        assertThat(Json.same(configuration.getSpec().getTemplate(), c.service().getSpec().getTemplate())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routeCarriesTrafficLabelAndOwner(Case c) {
        Route route = RouteBuilder.make(c.service());

        assertChildOf(route, c.service());
        assertThat(Json.tree(route.getSpec().getTraffic())).isEqualTo(Json.tree(c.expectedRouteTraffic()));
    }

    private static void assertChildOf(HasMetadata child, Service service) {
        String name = service.getMetadata().getName();
        assertThat(child.getMetadata().getName()).isEqualTo(name);
        assertThat(child.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(child.getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("serving.knative.dev/service", name));
        assertThat(Ownership.isControlledBy(child, service)).isTrue();
        assertThat(child.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Service");
        assertThat(child.getMetadata().getOwnerReferences().get(0).getApiVersion()).isEqualTo("serving.knative.dev/v1");
    }
}
