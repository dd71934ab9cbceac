package dev.wisp.serving.reconciler.route;

import static dev.wisp.serving.reconciler.Fixtures.NOW;
import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.latest;
import static dev.wisp.serving.reconciler.Fixtures.pinned;
import static dev.wisp.serving.reconciler.Fixtures.revision;
import static dev.wisp.serving.reconciler.Fixtures.route;
import static dev.wisp.serving.reconciler.Fixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.reconciler.Fixtures;
import dev.wisp.serving.reconciler.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoutePlannerTest {
    private static final RouteDomain DOMAIN = new RouteDomain("localhost", 8080);

    /** Expected status.traffic entries, in the form {@code revision:percent:latest[:tag:url]}. */
    record Case(String name, Route route, Map<String, Configuration> configurations, Map<String, Revision> revisions,
                String assigned, String reason, String message, Map<String, List<WeightedRevision>> hosts,
                List<String> traffic) {
    }

    static Stream<Case> cases() {
        Map<String, Configuration> helloReady = Map.of("hello", configurationWith("hello-00002", null));
        Map<String, Revision> revisions = Map.of("hello-00001", revisionWith("hello-00001", Condition.TRUE, null),
                "hello-00002", revisionWith("hello-00002", Condition.TRUE, null));
        return Stream.of(
                new Case("latest revision of the same-named configuration", routeWith(latest(100)), helloReady,
                        revisions, Condition.TRUE, null, null,
                        Map.of("hello.default.localhost", List.of(weight("hello-00002", 100))),
                        List.of("hello-00002:100:true")),
                new Case("split between a pinned revision and latest", routeWith(pinned("hello-00001", 80),
                        named(latest(20), "hello")), helloReady, revisions, Condition.TRUE, null, null,
                        Map.of("hello.default.localhost", List.of(weight("hello-00001", 80), weight("hello-00002", 20))),
                        List.of("hello-00001:80:false", "hello-00002:20:true")),
                new Case("tags get their own hosts, even at 0 percent", routeWith(tagged(latest(100), "current"),
                        tagged(pinned("hello-00001", 0), "prev")), helloReady, revisions, Condition.TRUE, null, null,
                        Map.of("hello.default.localhost", List.of(weight("hello-00002", 100)),
                                "current-hello.default.localhost", List.of(weight("hello-00002", 100)),
                                "prev-hello.default.localhost", List.of(weight("hello-00001", 100))),
                        List.of("hello-00002:100:true:current:http://current-hello.default.localhost:8080",
                                "hello-00001:0:false:prev:http://prev-hello.default.localhost:8080")),
                new Case("same revision twice adds up", routeWith(pinned("hello-00002", 50), latest(50)), helloReady,
                        revisions, Condition.TRUE, null, null,
                        Map.of("hello.default.localhost", List.of(weight("hello-00002", 100))),
                        List.of("hello-00002:50:false", "hello-00002:50:true")),
                new Case("missing revision", routeWith(pinned("hello-00009", 100)), helloReady, revisions,
                        Condition.FALSE, TrafficResolver.REVISION_MISSING,
                        "Revision \"hello-00009\" referenced in traffic not found.", null, List.of()),
                new Case("pinned revision still starting", routeWith(pinned("hello-00003", 100)), helloReady,
                        Map.of("hello-00003", revision("hello-00003")), Condition.UNKNOWN,
                        TrafficResolver.REVISION_MISSING, "Revision \"hello-00003\" is not yet ready.", null, List.of()),
                new Case("pinned revision failing", routeWith(pinned("hello-00001", 50), pinned("hello-00003", 50)),
                        helloReady, Map.of("hello-00001", revisionWith("hello-00001", Condition.TRUE, null),
                        "hello-00003", revisionWith("hello-00003", Condition.FALSE, "exit code 3")), Condition.FALSE,
                        TrafficResolver.REVISION_MISSING,
                        "Revision \"hello-00003\" failed to become ready: exit code 3", null, List.of()),
                new Case("configuration without ready revision yet",
                        routeWith(latest(100)), Map.of("hello", configurationWith(null, Condition.UNKNOWN)), revisions,
                        Condition.UNKNOWN, TrafficResolver.REVISION_MISSING,
                        "Configuration \"hello\" does not have any ready Revision.", null, List.of()),
                new Case("configuration whose only revision failed",
                        routeWith(latest(100)), Map.of("hello", configurationWith(null, Condition.FALSE)), revisions,
                        Condition.FALSE, TrafficResolver.REVISION_MISSING,
                        "Configuration \"hello\" does not have any ready Revision.", null, List.of()),
                new Case("missing configuration", routeWith(named(latest(100), "other")), helloReady, revisions,
                        Condition.FALSE, TrafficResolver.CONFIGURATION_MISSING,
                        "Configuration \"other\" referenced in traffic not found.", null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesTrafficIntoHostsAndStatus(Case c) {
        RoutePlan plan = RoutePlanner.plan(c.route(), c.configurations(), c.revisions(), DOMAIN, NOW);

        RouteStatus status = plan.status();
        Condition assigned = status.condition(RouteStatus.ALL_TRAFFIC_ASSIGNED).orElseThrow();
        assertThat(assigned.getStatus()).isEqualTo(c.assigned());
        assertThat(assigned.getReason()).isEqualTo(c.reason());
        assertThat(assigned.getMessage()).isEqualTo(c.message());
        assertThat(status.condition(KnativeStatus.READY).orElseThrow().getStatus()).isEqualTo(c.assigned());
        assertThat(status.getUrl()).isEqualTo("http://hello.default.localhost:8080");
        assertThat(status.getAddress().getUrl()).isEqualTo("http://hello.default.localhost:8080");
        assertThat(status.getTraffic()).map(RoutePlannerTest::describe).containsExactlyElementsOf(c.traffic());
        if (c.hosts() == null) {
            assertThat(plan.hosts()).isEmpty();
        } else {
            assertThat(plan.hosts().orElseThrow()).allSatisfy(h -> assertThat(h.routeName()).isEqualTo("hello"))
                    .extracting(HostRoute::host).containsExactlyInAnyOrderElementsOf(c.hosts().keySet());
            plan.hosts().orElseThrow().forEach(h -> assertThat(h.targets()).isEqualTo(c.hosts().get(h.host())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failureKeepsPreviousTraffic(Case c) {
        Route route = Json.copy(c.route(), Route.class);
        route.getStatus().setTraffic(List.of(new TrafficTarget("hello-00001", null, true, 100L, null)));

        RoutePlan plan = RoutePlanner.plan(route, c.configurations(), c.revisions(), DOMAIN, NOW);

        if (c.hosts() == null) {
            assertThat(plan.status().getTraffic()).map(RoutePlannerTest::describe).containsExactly("hello-00001:100:true");
        } else {
            assertThat(plan.status().getTraffic()).map(RoutePlannerTest::describe).containsExactlyElementsOf(c.traffic());
        }
    }

    private static String describe(TrafficTarget t) {
        String base = t.getRevisionName() + ":" + t.getPercent() + ":" + t.getLatestRevision();
        return t.getTag() == null ? base : base + ":" + t.getTag() + ":" + t.getUrl();
    }

    private static Route routeWith(TrafficTarget... targets) {
        return route("hello", r -> r.getSpec().setTraffic(List.of(targets)));
    }

    private static TrafficTarget named(TrafficTarget target, String configuration) {
        target.setConfigurationName(configuration);
        return target;
    }

    private static Configuration configurationWith(String latestReady, String ready) {
        return configuration("hello", c -> {
            c.getStatus().setLatestReadyRevisionName(latestReady);
            if (ready != null) {
                Fixtures.ready(c.getStatus(), ready, null, null);
            }
        });
    }

    private static Revision revisionWith(String name, String ready, String message) {
        return revision(name, r -> Fixtures.ready(r.getStatus(), ready, ready.equals(Condition.FALSE) ? "ExitCode" : null,
                message));
    }

    private static WeightedRevision weight(String revision, int percent) {
        return new WeightedRevision(new RevisionKey("default", revision), percent);
    }
}
