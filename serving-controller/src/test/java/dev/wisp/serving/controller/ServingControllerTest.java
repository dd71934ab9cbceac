package dev.wisp.serving.controller;

import static dev.wisp.serving.reconciler.Fixtures.service;
import static dev.wisp.serving.reconciler.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServingControllerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ServingSettings SETTINGS =
            new ServingSettings("localhost", 8080, AutoscalerDefaults.knative(), Duration.ofMillis(300));

    private final InMemoryResourceStore store = new InMemoryResourceStore(Clock.systemUTC());
    private final FakeWorkloadRuntime runtime = new FakeWorkloadRuntime();
    private final RecordingAutoscaler autoscaler = new RecordingAutoscaler(runtime);
    private ConcurrentRoutingTable routing = new ConcurrentRoutingTable();
    private ServingController controller;

    @BeforeEach
    void start() {
        controller = new ServingController(store, runtime, autoscaler, routing, SETTINGS, Clock.systemUTC());
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        runtime.close();
    }

    @Test
    void serviceGoesLiveFollowsNewTemplatesSurvivesRestartAndIsCleanedUpOnDelete() {
        store.failNextStatusUpdates(3); // retried with backoff
        store.create(service("hello"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            Service hello = get(Service.class, "hello");
            assertThat(hello.getStatus().isReady()).isTrue();
            assertThat(hello.getStatus().getUrl()).isEqualTo("http://hello.default.localhost:8080");
            assertThat(hello.getStatus().getAddress().getUrl()).isEqualTo("http://hello.default.localhost:8080");
            assertThat(hello.getStatus().getLatestReadyRevisionName()).isEqualTo("hello-00001");
            assertThat(hello.getStatus().getObservedGeneration()).isEqualTo(1L);
            assertThat(routedTo("hello.default.localhost")).containsExactly(weight("hello-00001", 100));
        });
        assertThat(autoscaler.tracked).containsKey(key("hello-00001"));
        assertThat(runtime.ensured).contains(key("hello-00001"));
        long writes = store.version();
        await().atMost(PATIENCE).during(Duration.ofMillis(1500))
                .untilAsserted(() -> assertThat(store.version()).as("resyncs of a settled service write nothing")
                        .isEqualTo(writes));

        Service changed = get(Service.class, "hello");
        changed.getSpec().setTemplate(template("v2"));
        store.update(changed);

        await().atMost(PATIENCE).untilAsserted(() -> {
            Service hello = get(Service.class, "hello");
            assertThat(hello.getStatus().isReady()).isTrue();
            assertThat(hello.getStatus().getLatestCreatedRevisionName()).isEqualTo("hello-00002");
            assertThat(hello.getStatus().getLatestReadyRevisionName()).isEqualTo("hello-00002");
            assertThat(hello.getStatus().getTraffic()).singleElement()
                    .satisfies(t -> assertThat(t.getRevisionName()).isEqualTo("hello-00002"));
            assertThat(routedTo("hello.default.localhost")).containsExactly(weight("hello-00002", 100));
        });
        assertThat(store.get(Revision.class, "default", "hello-00001")).isPresent();

        restartWithEmptyRoutingTable();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(routedTo("hello.default.localhost")).containsExactly(weight("hello-00002", 100)));

        store.delete(Service.class, "default", "hello");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(autoscaler.untracked).contains(key("hello-00001"), key("hello-00002"));
            assertThat(runtime.removed).contains(key("hello-00001"), key("hello-00002"));
            assertThat(routing.lookup("hello.default.localhost")).isEmpty();
        });
        assertThat(store.list(Revision.class, "default")).isEmpty();
        assertThat(store.list(Route.class, "default")).isEmpty();
    }

    @Test
    void failingRevisionMakesServiceNotReadyWithTheFailure() {
        store.create(service("broken", s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVar("FAIL", "yes", null))));

        await().atMost(PATIENCE).untilAsserted(() -> {
            Condition revisionReady = get(Revision.class, "broken-00001").getStatus()
                    .condition(KnativeStatus.READY).orElseThrow();
            assertThat(revisionReady.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(revisionReady.getReason()).isEqualTo("ExitCode1");
            Condition serviceReady = get(Service.class, "broken").getStatus().condition(KnativeStatus.READY).orElseThrow();
            assertThat(serviceReady.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(serviceReady.getReason()).isEqualTo("RevisionFailed");
            assertThat(serviceReady.getMessage()).isEqualTo("Revision \"broken-00001\" failed with message: "
                    + FakeWorkloadRuntime.FAILURE_MESSAGE + ".");
        });
        Route route = get(Route.class, "broken");
        assertThat(route.getStatus().condition(KnativeStatus.READY).orElseThrow().getReason()).isEqualTo("RevisionMissing");
        assertThat(routing.lookup("broken.default.localhost")).isEmpty();
    }

    private void restartWithEmptyRoutingTable() {
        controller.close();
        routing = new ConcurrentRoutingTable();
        start();
    }

    private List<WeightedRevision> routedTo(String host) {
        return routing.lookup(host).map(HostRoute::targets).orElse(List.of());
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T get(Class<T> type, String name) {
        return store.get(type, "default", name).orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " missing"));
    }

    private static RevisionKey key(String revision) {
        return new RevisionKey("default", revision);
    }

    private static WeightedRevision weight(String revision, int percent) {
        return new WeightedRevision(key(revision), percent);
    }
}
