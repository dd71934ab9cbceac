package dev.wisp.build.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildDefaults;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import dev.wisp.api.build.v1alpha1.LocalSource;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.status.Condition;
import dev.wisp.build.BuildController;
import dev.wisp.build.BuildSettings;
import dev.wisp.api.testing.MemoryStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds samples/java-hello into an OCI image on the jlink'ed base image that deploy/image/build-base.sh
 * writes, through the Build controller, and checks the archive Jib wrote.
 */
class OciBuildTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    @TempDir
    static Path shared;
    static Path base;

    @TempDir
    Path state;

    @BeforeAll
    static void buildBaseImage() throws Exception {
        base = shared.resolve("base.tar");
        Process p = new ProcessBuilder("bash", ROOT.resolve("deploy/image/build-base.sh").toString(), base.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void javaBuildBecomesAnImageArchiveWithAStableDigest() throws Exception {
        MemoryStore store = new MemoryStore();
        store.create(containerService("hello", "localhost/previous:1"));
        try (BuildController controller = new BuildController(store, settings(), Clock.systemUTC())) {
            controller.start();
            store.create(build("hello", null));
            BuildStatus first = awaitDone(store, "hello", null);

            assertThat(first.condition(BuildStatus.SUCCEEDED)).get().extracting(Condition::getStatus, Condition::getReason)
                    .containsExactly("True", "NotRolledOut");
            assertThat(first.condition(BuildStatus.SUCCEEDED).get().getMessage()).contains("no image loader");
            assertThat(first.getImageDigest()).matches("sha256:[0-9a-f]{64}");
            assertThat(serviceImage(store, "hello")).isEqualTo("localhost/previous:1");

            Path archive = state.resolve("images").resolve(first.getImageDigest().replace(':', '-') + ".tar");
            OciArchive image = OciArchive.read(archive);
            assertThat(image.config().at("/config/Entrypoint").toString()).isEqualTo("[\"java\",\"-jar\",\"target/java-hello.jar\"]");
            assertThat(image.config().at("/config/WorkingDir").asText()).isEqualTo("/app");
            assertThat(image.config().at("/config/Env").toString()).contains("JAVA_HOME=/opt/java");
            assertThat(image.layerFiles()).hasSize(2);
            assertThat(image.layerFiles().get(0)).contains("opt/java/bin/java");
            assertThat(image.layerFiles().get(1)).contains("app/target/java-hello.jar", "app/pom.xml")
                    .noneMatch(f -> f.startsWith("app/src/") || f.startsWith("app/target/classes/"));

            Build again = store.get(Build.class, "default", "hello").orElseThrow();
            again.getMetadata().setAnnotations(Map.of(BuildGroup.RUN_ANNOTATION, "2"));
            store.update(again);
            BuildStatus second = awaitDone(store, "hello", "2");
            assertThat(second.getCacheHit()).isTrue();
            assertThat(second.getImageDigest()).isEqualTo(first.getImageDigest());
        }
    }

    @Test
    void withoutABaseImageTheBuildFailsAndSaysSo() throws Exception {
        MemoryStore store = new MemoryStore();
        store.create(containerService("hello", "localhost/previous:1"));
        BuildSettings bundlesOnly = new BuildSettings(state, true, Duration.ofMinutes(5));
        try (BuildController controller = new BuildController(store, bundlesOnly, Clock.systemUTC())) {
            controller.start();
            store.create(build("hello", null));
            BuildStatus status = awaitDone(store, "hello", null);

            assertThat(status.condition(BuildStatus.SUCCEEDED)).get().extracting(Condition::getStatus, Condition::getReason)
                    .containsExactly("False", "NoBaseImage");
            assertThat(controller.logs().read("default", "hello", 0)).contains("no base image is configured for strategy maven");
            assertThat(serviceImage(store, "hello")).isEqualTo("localhost/previous:1");
        }
    }

    @Test
    void aLoadedImageIsRolledOutAndAnswersOnPort() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PodmanLoader.available(), "podman is not installed");
        MemoryStore store = new MemoryStore();
        PodmanLoader podman = new PodmanLoader();
        try (BuildController controller = new BuildController(store, settings(), Clock.systemUTC(), Optional.of(podman))) {
            controller.start();
            Build build = build("hi", null);
            build.getMetadata().setAnnotations(Map.of(RuntimeAnnotation.KEY, RuntimeAnnotation.CONTAINER));
            store.create(build);
            BuildStatus status = awaitDone(store, "hi", null);

            assertThat(status.isSucceeded()).as(status.getConditions().toString()).isTrue();
            Service service = store.get(Service.class, "default", "hi").orElseThrow();
            assertThat(serviceImage(store, "hi")).isEqualTo(status.getImage()).startsWith("localhost/wisp-build/default/hi:bundle-");
            assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry(RuntimeAnnotation.KEY, RuntimeAnnotation.CONTAINER);
            assertThat(service.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()).isNullOrEmpty();
            assertThat(podman.answer(status.getImage())).isEqualTo("hello from java\n");
        }
    }

    private BuildSettings settings() {
        return new BuildSettings(state, true, Duration.ofMinutes(5)).withBaseImage(BuildStrategy.MAVEN, "tar://" + base);
    }

    private static BuildStatus awaitDone(MemoryStore store, String name, String run) {
        return await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.get(Build.class, "default", name).map(Build::getStatus)
                                .filter(s -> java.util.Objects.equals(s.getObservedRun(), run)).orElse(null),
                        s -> s != null && (s.isSucceeded() || s.isFailed()));
    }

    static Build build(String name, String service) {
        Build build = new Build();
        build.setMetadata(new ObjectMeta());
        build.getMetadata().setName(name);
        build.getSpec().setSource(new BuildSource());
        build.getSpec().getSource().setLocal(new LocalSource(ROOT.resolve("samples/java-hello").toString()));
        BuildDefaults.apply(build);
        return build;
    }

    static Service containerService(String name, String image) {
        Service service = new Service();
        service.setMetadata(new ObjectMeta());
        service.getMetadata().setName(name);
        service.getMetadata().setNamespace("default");
        var template = new dev.wisp.api.serving.v1.RevisionTemplateSpec();
        template.setMetadata(new ObjectMeta());
        Map<String, String> annotations = new HashMap<>();
        annotations.put(RuntimeAnnotation.KEY, RuntimeAnnotation.CONTAINER);
        template.getMetadata().setAnnotations(annotations);
        template.setSpec(new dev.wisp.api.serving.v1.RevisionSpec());
        Container container = new Container();
        container.setImage(image);
        template.getSpec().setContainers(new java.util.ArrayList<>(List.of(container)));
        service.getSpec().setTemplate(template);
        return service;
    }

    private static String serviceImage(MemoryStore store, String name) {
        return store.get(Service.class, "default", name).orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
