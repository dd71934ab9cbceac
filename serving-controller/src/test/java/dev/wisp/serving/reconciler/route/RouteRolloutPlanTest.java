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
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.serving.reconciler.Fixtures;
import dev.wisp.serving.reconciler.route.rollout.ConfigurationRollout;
import dev.wisp.serving.reconciler.route.rollout.RolloutState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RouteRolloutPlanTest {
    private static final RouteDomain DOMAIN = new RouteDomain("localhost", 8080);

    /**
     * {@code mainHost} and {@code traffic} as {@code revision:percent}; {@code tagHost} the revision the
     * "next" tag's host reaches (null: no tag).
     */
    record Case(String name, List<TrafficTarget> spec, RolloutState previous, Duration duration,
                List<String> mainHost, List<String> traffic, String tagHost, boolean stepScheduled) {
    }

    static Stream<Case> cases() {
        RolloutState onOne = state("hello-00001", 100);
        Duration tenSeconds = Duration.ofSeconds(10);
        return Stream.of(
                new Case("without a duration the new latest revision gets everything", List.of(latest(100)), onOne,
                        Duration.ZERO, List.of("hello-00002:100"), List.of("hello-00002:100"), null, false),
                new Case("with a duration the new latest revision starts at 1%", List.of(latest(100)), onOne,
                        tenSeconds, List.of("hello-00001:99", "hello-00002:1"),
                        List.of("hello-00001:99", "hello-00002:1"), null, true),
                new Case("a tag on the latest target reaches the new revision at once", List.of(tagged(latest(100), "next")),
                        onOne, tenSeconds, List.of("hello-00001:99", "hello-00002:1"),
                        List.of("hello-00001:99", "hello-00002:1"), "hello-00002", true),
                new Case("pinned targets keep their share; only the latest share rolls",
                        List.of(pinned("hello-00001", 50), latest(50)), state("hello-00001", 50), tenSeconds,
                        List.of("hello-00001:99", "hello-00002:1"),
                        List.of("hello-00001:50", "hello-00001:49", "hello-00002:1"), null, true),
                new Case("a 0% latest target with a tag does not roll", List.of(pinned("hello-00001", 100),
                        tagged(latest(0), "next")), state("hello-00001", 0), tenSeconds, List.of("hello-00001:100"),
                        List.of("hello-00001:100", "hello-00002:0"), "hello-00002", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rollsTheLatestShareOut(Case c) {
        Route route = route("hello", r -> r.getSpec().setTraffic(c.spec()));
        Map<String, String> annotations = new HashMap<>();
        annotations.put(RolloutState.ANNOTATION, c.previous().toJson());
        route.getMetadata().setAnnotations(annotations);

        RoutePlan plan = RoutePlanner.plan(route, configurations(), revisions(), DOMAIN, c.duration(), NOW);

        List<HostRoute> hosts = plan.hosts().orElseThrow();
        HostRoute main = hosts.stream().filter(h -> h.host().equals("hello.default.localhost")).findFirst().orElseThrow();
        assertThat(main.targets()).map(t -> t.revision().name() + ":" + t.percent()).containsExactlyElementsOf(c.mainHost());
        assertThat(plan.status().getTraffic()).map(t -> t.getRevisionName() + ":" + t.getPercent())
                .containsExactlyElementsOf(c.traffic());
        assertThat(plan.status().getTraffic()).allSatisfy(t -> assertThat(t.getConfigurationName()).isNull());
        if (c.tagHost() != null) {
            HostRoute tag = hosts.stream().filter(h -> h.host().equals("next-hello.default.localhost")).findFirst()
                    .orElseThrow();
            assertThat(tag.targets()).singleElement().satisfies(t -> assertThat(t.revision().name()).isEqualTo(c.tagHost()));
        }
        assertThat(plan.nextStep().isPresent()).isEqualTo(c.stepScheduled());
        assertThat(plan.rollout().orElseThrow().of("hello")).isPresent();
    }

    private static RolloutState state(String revision, int percent) {
        return new RolloutState(List.of(ConfigurationRollout.settled("hello", percent, revision)));
    }

    private static Map<String, Configuration> configurations() {
        return Map.of("hello", configuration("hello", c -> {
            c.getStatus().setLatestReadyRevisionName("hello-00002");
            Fixtures.ready(c.getStatus(), Condition.TRUE, null, null);
        }));
    }

    private static Map<String, Revision> revisions() {
        Map<String, Revision> revisions = new HashMap<>();
        for (String name : List.of("hello-00001", "hello-00002")) {
            revisions.put(name, revision(name, r -> Fixtures.ready(r.getStatus(), Condition.TRUE, null, null)));
        }
        return revisions;
    }
}
