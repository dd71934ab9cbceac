package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container runtime against a real Podman API service and a locally built busybox image. */
class ContainerRuntimeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration LONG = Duration.ofSeconds(40);
    private static Path socket;

    @TempDir
    Path stateDir;
    private ContainerRuntime runtime;
    private EngineClient engine;

    @BeforeAll
    static void startPodman() throws Exception {
        socket = PodmanService.socket();
    }

    @BeforeEach
    void start() {
        runtime = newRuntime(stateDir);
        engine = EngineClient.open(socket);
    }

    @AfterEach
    void stop() {
        runtime.close();
        engine.close();
    }

    @Test
    void servesTheImageThenScalesToZeroRemovingTheContainer() throws Exception {
        RevisionKey key = new RevisionKey("default", "web-00001");
        runtime.ensure(revision(key.name(), container(PodmanService.IMAGE)));
        runtime.setDesiredScale(key, 1);

        await().atMost(LONG).until(() -> runtime.readyInstances(key) == 1);
        Endpoint endpoint = runtime.endpoints(key).ready().get(0);
        assertThat(endpoint.host()).isEqualTo("127.0.0.1");
        assertThat(get(endpoint)).contains("hello from a wisp container");
        assertThat(runtime.imageDigest(key)).hasValueSatisfying(digest -> assertThat(digest).startsWith("sha256:"));
        JsonArray containers = ownContainers();
        assertThat(containers).hasSize(1);
        assertThat(containers.getJsonObject(0).getJsonObject("Labels").getMap())
                .containsEntry(ContainerLabels.REVISION, key.name())
                .containsEntry(ContainerLabels.INSTANCE, endpoint.instanceId());

        runtime.setDesiredScale(key, 0);
        await().atMost(LONG).until(() -> runtime.instances(key).isEmpty() && ownContainers().isEmpty());

        runtime.setDesiredScale(key, 1);
        await().atMost(LONG).until(() -> runtime.readyInstances(key) == 1);
        assertThat(get(runtime.endpoints(key).ready().get(0))).contains("hello from a wisp container");
    }

    @Test
    void aStoppingInstanceLeavesTheEndpointsThenDrainsBeforeItsContainerStops() throws Exception {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        List<String> draining = new CopyOnWriteArrayList<>();
        try (ContainerRuntime drainingRuntime = newRuntime(stateDir, (revision, instance, max) -> {
            draining.add(instance);
            return drained;
        })) {
            RevisionKey key = new RevisionKey("default", "drain-00001");
            drainingRuntime.ensure(revision(key.name(), container(PodmanService.IMAGE)));
            drainingRuntime.setDesiredScale(key, 1);
            await().atMost(LONG).until(() -> drainingRuntime.readyInstances(key) == 1);
            String instance = drainingRuntime.endpoints(key).ready().get(0).instanceId();

            drainingRuntime.setDesiredScale(key, 0);
            await().atMost(LONG).until(() -> draining.contains(instance));
            assertThat(drainingRuntime.endpoints(key).ready()).isEmpty();
            assertThat(ownContainers()).as("the container runs while its requests drain").hasSize(1);

            drained.complete(null);
            await().atMost(LONG).until(() -> ownContainers().isEmpty() && drainingRuntime.instances(key).isEmpty());
        }
    }

    @Test
    void anImageThatCannotBePulledIsReportedWithTheEnginesMessage() {
        RevisionKey key = new RevisionKey("default", "missing-00001");
        runtime.ensure(revision(key.name(), container("localhost:1/wisp-test/does-not-exist:1")));
        runtime.setDesiredScale(key, 1);

        await().atMost(LONG).until(() -> runtime.health(key).lastFailure().isPresent());
        InstanceFailure failure = runtime.health(key).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(ImagePullFailure.REASON);
        assertThat(failure.message()).contains("localhost:1/wisp-test/does-not-exist:1").contains("connect");
        assertThat(runtime.health(key).ready()).isZero();
    }

    @Test
    void aRevisionWithoutAnImageSaysSo() {
        RevisionKey key = new RevisionKey("default", "noimage-00001");
        runtime.ensure(revision(key.name(), container(null)));
        runtime.setDesiredScale(key, 1);

        await().atMost(LONG).until(() -> runtime.health(key).lastFailure().isPresent());
        assertThat(runtime.health(key).lastFailure().orElseThrow().reason()).isEqualTo(ImagePullFailure.INVALID_IMAGE);
        assertThat(runtime.health(key).lastFailure().orElseThrow().message()).contains("containers[0].image is not set");
    }

    @Test
    void anExitingContainerIsRestartedWithItsExitCodeAndLastLines() throws Exception {
        RevisionKey key = new RevisionKey("default", "crash-00001");
        Container crashing = container(PodmanService.IMAGE);
        crashing.setCommand(new ArrayList<>(List.of("sh", "-c")));
        crashing.setArgs(new ArrayList<>(List.of("echo starting on $(PORT); echo boom >&2; exit 3")));
        runtime.ensure(revision(key.name(), crashing));
        runtime.setDesiredScale(key, 1);

        await().atMost(LONG).until(() -> runtime.instances(key).stream().anyMatch(i -> i.restarts() >= 2));
        InstanceFailure failure = runtime.health(key).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo("ExitCode3");
        assertThat(failure.message()).contains("starting on 8080").contains("boom");
        assertThat(runtime.logFiles(key)).hasSize(1);
        assertThat(Files.readString(runtime.logFiles(key).get(0))).contains("boom");
        // Each exited container is removed before the next one starts.
        await().atMost(LONG).until(() -> ownContainers().size() <= 1);
    }

    @Test
    void aRestartedRuntimeRemovesTheContainersItsPredecessorLeftBehind() throws Exception {
        RevisionKey key = new RevisionKey("default", "left-00001");
        Revision revision = revision(key.name(), container(PodmanService.IMAGE));
        String owner = ContainerLabels.ownerOf(stateDir);
        // What a killed Wisp leaves behind: running containers with its owner label, and someone else's.
        String leftover1 = run(ContainerSpec.of(key, revision, PodmanService.IMAGE, ContainerLabels.of(owner, key, "left-00001-aaaaa"), 0));
        String leftover2 = run(ContainerSpec.of(key, revision, PodmanService.IMAGE, ContainerLabels.of(owner, key, "left-00001-bbbbb"), 0));
        String foreign = run(ContainerSpec.of(key, revision, PodmanService.IMAGE,
                Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.OWNER, "someone-else"), 0));
        try {
            assertThat(ownContainers()).hasSize(2);

            try (ContainerRuntime successor = newRuntime(stateDir)) {
                assertThat(ownContainers()).isEmpty();
                assertThat(exists(leftover1) || exists(leftover2)).isFalse();
                assertThat(exists(foreign)).isTrue();
                successor.ensure(revision);
                successor.setDesiredScale(key, 1);
                await().atMost(LONG).until(() -> successor.readyInstances(key) == 1);
                assertThat(ownContainers()).hasSize(1);
            }
            assertThat(ownContainers()).isEmpty();
        } finally {
            engine.removeContainer(foreign).toCompletionStage().toCompletableFuture().get();
        }
    }

    private String run(io.vertx.core.json.JsonObject spec) throws Exception {
        String id = engine.createContainer("wisp-test-" + System.nanoTime(), spec).toCompletionStage().toCompletableFuture().get();
        engine.startContainer(id).toCompletionStage().toCompletableFuture().get();
        return id;
    }

    private boolean exists(String id) throws Exception {
        return engine.inspectContainer(id).map(true).otherwise(e -> {
            if (e instanceof EngineException engineError && engineError.isNotFound()) {
                return false;
            }
            throw new IllegalStateException(e);
        }).toCompletionStage().toCompletableFuture().get();
    }

    private ContainerRuntime newRuntime(Path state) {
        return newRuntime(state, InstanceDrain.none());
    }

    private ContainerRuntime newRuntime(Path state, InstanceDrain drain) {
        ProcessRuntimeSettings timings = new ProcessRuntimeSettings(state, Duration.ofMillis(25), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1));
        return new ContainerRuntime(new ContainerRuntimeSettings(socket, timings), Clock.systemUTC(), drain);
    }

    private JsonArray ownContainers() throws Exception {
        return engine.listContainers(ContainerLabels.ownedBy(ContainerLabels.ownerOf(stateDir)))
                .toCompletionStage().toCompletableFuture().get();
    }

    private static String get(Endpoint endpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint.host() + ":" + endpoint.port() + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static Revision revision(String name, Container container) {
        Revision revision = new Revision();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace("default");
        meta.setLabels(Map.of(Serving.SERVICE_LABEL, "web", Serving.CONFIGURATION_LABEL, "web"));
        revision.setMetadata(meta);
        revision.getSpec().setContainers(new ArrayList<>(List.of(container)));
        return revision;
    }

    static Container container(String image) {
        Container container = new Container();
        container.setName("user-container");
        container.setImage(image);
        return container;
    }
}
