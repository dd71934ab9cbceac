package dev.wisp.activator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RouteHostsTest {

    record Case(String name, List<TrafficTarget> traffic, List<HostRoute> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no status traffic serves no host", List.of(), List.of()),
                new Case("one revision at 100", List.of(target("hello-00001", 100, null)),
                        List.of(host("hello.default.example.com", split("hello-00001", 100)))),
                new Case("split between two revisions", List.of(target("hello-00001", 90, null), target("hello-00002", 10, null)),
                        List.of(host("hello.default.example.com", split("hello-00001", 90), split("hello-00002", 10)))),
                new Case("a revision named twice gets the sum", List.of(target("hello-00001", 60, null), target("hello-00001", 40, "blue")),
                        List.of(host("hello.default.example.com", split("hello-00001", 100)),
                                host("blue-hello.default.example.com", split("hello-00001", 100)))),
                new Case("a tag at 0 percent gets only its tag host",
                        List.of(target("hello-00001", 100, "current"), target("hello-00002", 0, "candidate")),
                        List.of(host("hello.default.example.com", split("hello-00001", 100)),
                                host("current-hello.default.example.com", split("hello-00001", 100)),
                                host("candidate-hello.default.example.com", split("hello-00002", 100)))),
                new Case("a target without a revision name is not routable", List.of(target(null, 100, null)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostsFollowTheResolvedTraffic(Case c) {
        Route route = new Route();
        route.setMetadata(new ObjectMetaBuilder().withName("hello").withNamespace("default").build());
        RouteStatus status = new RouteStatus();
        status.setTraffic(c.traffic());
        route.setStatus(status);

        assertThat(RouteHosts.of(route, "example.com")).isEqualTo(c.expected());
    }

    static TrafficTarget target(String revision, long percent, String tag) {
        return new TrafficTarget(revision, null, null, percent, tag);
    }

    static WeightedRevision split(String revision, int percent) {
        return new WeightedRevision(new RevisionKey("default", revision), percent);
    }

    static HostRoute host(String host, WeightedRevision... targets) {
        return new HostRoute(host, "default", "hello", List.of(targets));
    }
}
