package dev.wisp.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildDefaults;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.build.v1alpha1.LocalSource;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import dev.wisp.api.status.Condition;
import dev.wisp.api.testing.MemoryStore;
import dev.wisp.api.testing.SourceTrees;
import dev.wisp.build.bundle.TreeDigest;
import dev.wisp.build.source.SourceFetcher;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone build controller against an in-memory store, building real sources with real tools. */
class BuildControllerTest {
    private static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("samples");

    @TempDir
    Path state;
    @TempDir
    Path src;
    private final MemoryStore store = new MemoryStore();
    private BuildController controller;

    @BeforeEach
    void start() {
        controller = new BuildController(store, new BuildSettings(state, true, Duration.ofMinutes(5)), Clock.systemUTC());
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void aFailedRebuildShowsItsOwnSourceAndNoImage() throws Exception {
        BuildStatus first = buildPython();
        Files.delete(src.resolve("app.py"));
        Files.writeString(src.resolve("README.md"), "no entry point any more\n");

        BuildStatus failed = rerun("2");

        assertThat(failed.condition(BuildStatus.SUCCEEDED)).get().extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "NoStartCommand");
        assertThat(failed.getImage()).isNull();
        assertThat(failed.getImageDigest()).isNull();
        assertThat(failed.getCacheHit()).isNull();
        assertThat(failed.getSourceDigest()).isEqualTo("sha256:" + TreeDigest.of(src, SourceFetcher.SKIPPED))
                .isNotEqualTo(first.getSourceDigest());
        assertThat(failed.getStrategy()).isEqualTo("python");
        assertThat(serviceImage()).isEqualTo(first.getImage());
    }

    @Test
    void deletingTheTargetServiceClearsTheBuildsUrl() throws Exception {
        BuildStatus built = buildPython();
        markServiceReady("http://app.default.localhost:8080");
        await("the URL is recorded").atMost(Duration.ofSeconds(30))
                .until(() -> "http://app.default.localhost:8080".equals(status().getUrl()));

        store.delete(Service.class, "default", "app");

        await("the URL is cleared").atMost(Duration.ofSeconds(30)).until(() -> status().getUrl() == null);
        assertThat(status().getImage()).isEqualTo(built.getImage());
    }

    @Test
    void aDirectoryWithNothingToBuildIsRefusedBeforeItIsCopied() throws Exception {
        Files.createDirectories(src.resolve("photos"));
        Files.writeString(src.resolve("photos/cat.jpg"), "jpeg");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(src.resolve("agent.sock")));
            store.create(build(src));

            BuildStatus status = awaitDone(null);

            Condition succeeded = status.condition(BuildStatus.SUCCEEDED).orElseThrow();
            assertThat(succeeded.getReason()).isEqualTo("StrategyNotDetected");
            assertThat(succeeded.getMessage()).contains("no pom.xml, package.json");
            assertThat(controller.logs().read("default", "app", 0)).doesNotContain("==> fetched");
        }
    }

    @Test
    void aCompileErrorLeadsTheMessageWithTheFileInTheUsersSourceAndTheLogHasNoColours() throws Exception {
        SourceTrees.copyWithoutTarget(SAMPLES.resolve("java-hello"), src);
        Path java = src.resolve("src/main/java/hello/JavaHello.java");
        Files.writeString(java, Files.readString(java).replace("server.start();", "server.start(;"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(src.resolve(".wisp.sock")));
            store.create(build(src));

            BuildStatus status = awaitDone(null);

            Condition succeeded = status.condition(BuildStatus.SUCCEEDED).orElseThrow();
            assertThat(succeeded.getReason()).as(succeeded.getMessage()).isEqualTo("StepFailed");
            assertThat(succeeded.getMessage().lines().findFirst().orElseThrow())
                    .startsWith("src/main/java/hello/JavaHello.java:[");
            assertThat(succeeded.getMessage()).contains("mvn -B -q --no-transfer-progress -Dstyle.color=never")
                    .doesNotContain(state.toString()).doesNotContain("\u001B");
            String log = controller.logs().read("default", "app", 0);
            assertThat(log).doesNotContain("\u001B").contains("[ERROR]")
                    .containsOnlyOnce("==> skipped 1 special file(s) (sockets, fifos, devices) that cannot be copied: .wisp.sock");
        }
        Files.delete(src.resolve(".wisp.sock"));
        assertThat(status().getSourceDigest()).isEqualTo("sha256:" + TreeDigest.of(src, SourceFetcher.SKIPPED));
    }

    private BuildStatus buildPython() throws Exception {
        Files.writeString(src.resolve("requirements.txt"), "# nothing to install\n");
        Files.writeString(src.resolve("app.py"), "print('hi')\n");
        store.create(build(src));
        BuildStatus status = awaitDone(null);
        assertThat(status.isSucceeded()).as(String.valueOf(status.getConditions())).isTrue();
        assertThat(status.getImage()).startsWith("wisp.local/app@sha256:");
        assertThat(serviceImage()).isEqualTo(status.getImage());
        return status;
    }

    private BuildStatus rerun(String run) {
        Build build = store.get(Build.class, "default", "app").orElseThrow();
        build.getMetadata().setAnnotations(Map.of(BuildGroup.RUN_ANNOTATION, run));
        store.update(build);
        return awaitDone(run);
    }

    private void markServiceReady(String url) {
        Service service = store.get(Service.class, "default", "app").orElseThrow();
        ServiceStatus status = new ServiceStatus();
        status.setObservedGeneration(service.getMetadata().getGeneration());
        status.setUrl(url);
        status.markTrue(ServiceStatus.CONFIGURATIONS_READY, Clock.systemUTC().instant());
        status.markTrue(ServiceStatus.ROUTES_READY, Clock.systemUTC().instant());
        service.setStatus(status);
        store.updateStatus(service);
    }

    private BuildStatus status() {
        return store.get(Build.class, "default", "app").orElseThrow().getStatus();
    }

    private BuildStatus awaitDone(String run) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.get(Build.class, "default", "app").map(Build::getStatus)
                                .filter(s -> Objects.equals(s.getObservedRun(), run)).orElse(null),
                        s -> s != null && (s.isSucceeded() || s.isFailed()));
    }

    private String serviceImage() {
        return store.get(Service.class, "default", "app").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Build build(Path source) {
        Build build = new Build();
        build.setMetadata(new ObjectMeta());
        build.getMetadata().setName("app");
        build.getSpec().setSource(new BuildSource());
        build.getSpec().getSource().setLocal(new LocalSource(source.toString()));
        BuildDefaults.apply(build);
        return build;
    }
}
