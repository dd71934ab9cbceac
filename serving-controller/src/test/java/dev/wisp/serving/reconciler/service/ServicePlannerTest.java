package dev.wisp.serving.reconciler.service;

import static dev.wisp.serving.reconciler.Fixtures.NOW;
import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.ownedBy;
import static dev.wisp.serving.reconciler.Fixtures.route;
import static dev.wisp.serving.reconciler.Fixtures.service;
import static dev.wisp.serving.reconciler.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Addressable;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.reconciler.Fixtures;
import dev.wisp.serving.reconciler.service.resources.ConfigurationBuilder;
import dev.wisp.serving.reconciler.service.resources.RouteBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePlannerTest {
    private static final Service HELLO = Fixtures.generation(service("hello"), 3);

    record Case(String name, Optional<Configuration> configuration, Optional<Route> route,
                String configurationsReady, String routesReady, String ready, String readyReason,
                boolean appliesConfiguration, boolean appliesRoute, String url, String latestReady) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no children yet: both planned, waiting", Optional.empty(), Optional.empty(),
                        Condition.UNKNOWN, Condition.UNKNOWN, Condition.UNKNOWN, ServicePlanner.OUT_OF_DATE,
                        true, true, null, null),
                new Case("ready children: Ready with url, traffic and revision names",
                        Optional.of(config(Condition.TRUE, null, null, "hello-00001")),
                        Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.TRUE, Condition.TRUE, Condition.TRUE, null, true, true,
                        "http://hello.default.localhost:8080", "hello-00001"),
                new Case("failed configuration: reason and message propagate to Ready",
                        Optional.of(config(Condition.FALSE, "RevisionFailed", "Revision \"hello-00002\" failed", "hello-00001")),
                        Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.FALSE, Condition.TRUE, Condition.FALSE, "RevisionFailed", true, true,
                        "http://hello.default.localhost:8080", "hello-00001"),
                new Case("configuration owned by someone else: NotOwned and left alone",
                        Optional.of(configuration("hello")), Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.FALSE, Condition.TRUE, Condition.FALSE, ServicePlanner.NOT_OWNED, false, true,
                        "http://hello.default.localhost:8080", null),
                new Case("route owned by someone else: NotOwned and left alone",
                        Optional.of(config(Condition.TRUE, null, null, "hello-00001")), Optional.of(route("hello")),
                        Condition.TRUE, Condition.FALSE, Condition.FALSE, ServicePlanner.NOT_OWNED, true, false,
                        null, "hello-00001"),
                new Case("route still sends traffic to the previous revision: not yet ready",
                        Optional.of(config(Condition.TRUE, null, null, "hello-00002")),
                        Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.TRUE, Condition.UNKNOWN, Condition.UNKNOWN, ServicePlanner.TRAFFIC_NOT_MIGRATED,
                        true, true, "http://hello.default.localhost:8080", "hello-00002"),
                new Case("configuration with an old template: out of date",
                        Optional.of(withSpec(config(Condition.TRUE, null, null, "hello-00001"), c -> {
                            c.getSpec().setTemplate(template("v0"));
                            return c;
                        })),
                        Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.UNKNOWN, Condition.TRUE, Condition.UNKNOWN, ServicePlanner.OUT_OF_DATE, true, true,
                        "http://hello.default.localhost:8080", null),
                new Case("configuration not yet reconciled at its generation: out of date",
                        Optional.of(withSpec(config(Condition.TRUE, null, null, "hello-00001"),
                                c -> Fixtures.generation(c, 2))),
                        Optional.of(routeTo("hello-00001", Condition.TRUE)),
                        Condition.UNKNOWN, Condition.TRUE, Condition.UNKNOWN, ServicePlanner.OUT_OF_DATE, true, true,
                        "http://hello.default.localhost:8080", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansChildrenAndStatus(Case c) {
        ServicePlan plan = ServicePlanner.plan(HELLO, c.configuration(), c.route(), NOW);

        ServiceStatus status = plan.status();
        assertThat(status.condition(ServiceStatus.CONFIGURATIONS_READY)).get()
                .extracting(Condition::getStatus).isEqualTo(c.configurationsReady());
        assertThat(status.condition(ServiceStatus.ROUTES_READY)).get()
                .extracting(Condition::getStatus).isEqualTo(c.routesReady());
        Condition ready = status.condition(KnativeStatus.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(c.ready());
        assertThat(ready.getReason()).isEqualTo(c.readyReason());
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getUrl()).isEqualTo(c.url());
        assertThat(status.getLatestReadyRevisionName()).isEqualTo(c.latestReady());
        assertThat(plan.configuration().isPresent()).isEqualTo(c.appliesConfiguration());
        assertThat(plan.route().isPresent()).isEqualTo(c.appliesRoute());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copiesMessagesAndTrafficFromChildren(Case c) {
        ServiceStatus status = ServicePlanner.plan(HELLO, c.configuration(), c.route(), NOW).status();

        if (c.url() != null) {
            assertThat(status.getAddress().getUrl()).isEqualTo(c.url());
            assertThat(status.getTraffic()).extracting(TrafficTarget::getPercent).containsExactly(100L);
        }
        if ("RevisionFailed".equals(c.readyReason())) {
            assertThat(status.condition(KnativeStatus.READY).orElseThrow().getMessage())
                    .isEqualTo("Revision \"hello-00002\" failed");
        }
        if (ServicePlanner.NOT_OWNED.equals(c.readyReason())) {
            assertThat(status.condition(KnativeStatus.READY).orElseThrow().getMessage())
                    .matches("There is an existing (Configuration|Route) \"hello\" that we do not own.");
        }
    }

    private static Configuration config(String ready, String reason, String message, String latestReady) {
        Configuration configuration = ConfigurationBuilder.make(HELLO);
        configuration.getMetadata().setGeneration(1L);
        configuration.getStatus().setObservedGeneration(1L);
        configuration.getStatus().setLatestCreatedRevisionName(latestReady);
        configuration.getStatus().setLatestReadyRevisionName(latestReady);
        Fixtures.ready(configuration.getStatus(), ready, reason, message);
        return configuration;
    }

    private static Route routeTo(String revision, String ready) {
        Route route = RouteBuilder.make(HELLO);
        route.getMetadata().setGeneration(1L);
        route.getStatus().setObservedGeneration(1L);
        route.getStatus().setUrl("http://hello.default.localhost:8080");
        route.getStatus().setAddress(new Addressable("http://hello.default.localhost:8080"));
        route.getStatus().setTraffic(List.of(new TrafficTarget(revision, null, true, 100L, null)));
        Fixtures.ready(route.getStatus(), ready, null, null);
        return route;
    }

    private static Configuration withSpec(Configuration configuration, UnaryOperator<Configuration> change) {
        return change.apply(configuration);
    }
}
