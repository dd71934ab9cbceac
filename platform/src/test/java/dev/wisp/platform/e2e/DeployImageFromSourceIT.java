package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wisp.api.testing.SourceTrees;
import dev.wisp.serving.runtime.container.ContainerLabels;
import dev.wisp.serving.runtime.container.EngineClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source to URL as a container image against a real {@code wisp up --runtime container} and a real
 * Podman API service: {@code wisp deploy --runtime container --source} of the Java sample builds an
 * OCI image on the jlink'ed base archive ({@code deploy/image/build-base.sh}), loads it into the
 * engine, and the Service runs it pinned to its digest in a container labelled as this Wisp's; a
 * strategy without a base image fails with NoBaseImage, visible in {@code wisp get builds} and the log.
 */
class DeployImageFromSourceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration LONG = Duration.ofMinutes(3);

    @TempDir
    static Path work;
    private static Path socket;
    private static Path stateDir;
    private static EngineClient engine;
    private static WispProcess wisp;
    private static ApiHttp api;

    @BeforeAll
    static void startPodmanAndWisp() throws Exception {
        Path podmanDir = Path.of(System.getProperty("java.io.tmpdir"), "wisp-podman-test");
        run(ROOT.resolve("scripts/podman-service.sh").toString(), podmanDir.toString());
        socket = podmanDir.resolve("podman.sock");
        engine = EngineClient.open(socket);
        Path base = work.resolve("base.tar");
        long started = System.nanoTime();
        run("bash", ROOT.resolve("deploy/image/build-base.sh").toString(), base.toString());
        System.out.printf("base image archive built in %.1f s%n", (System.nanoTime() - started) / 1e9);
        stateDir = work.resolve("wisp");
        wisp = WispProcess.start(stateDir, "--runtime", "container", "--container-socket", socket.toString(),
                "--build-base-image", "tar://" + base);
        api = new ApiHttp(wisp.api());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (wisp != null) {
            wisp.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void javaSourceRunsAsItsPinnedImageInAContainer() throws Exception {
        Path source = containerReadyCopyOfJavaHello(work.resolve("java-hello"));

        long started = System.nanoTime();
        WispProcess.CliResult deployed = wisp.cli("deploy", "--runtime", "container", "--source", source.toString(), "hello-oci");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(deployed.exitCode()).as(deployed + "\n" + wisp.output()).isZero();
        System.out.printf("java deploy as a container image: %.1f s (CLI, maven, jib, load, container, URL)%n", seconds);
        String url = lastLine(deployed.stdout());
        assertThat(answer(url)).isEqualTo("hello from java\n");
        String image = serviceImage("hello-oci");
        assertThat(image).as("the Service runs the loaded image pinned to its digest")
                .matches("localhost/wisp-build/default/hello-oci@sha256:[0-9a-f]{64}");
        JsonArray containers = ownContainers();
        assertThat(containers).as("one container of this Wisp runs the revision (before it scales to zero)").hasSize(1);
        JsonObject container = containers.getJsonObject(0);
        assertThat(container.getJsonObject("Labels").getMap())
                .containsEntry(ContainerLabels.MANAGED, "true")
                .containsEntry(ContainerLabels.OWNER, ContainerLabels.ownerOf(stateDir))
                .containsEntry(ContainerLabels.REVISION, "hello-oci-00001");
        String imageId = engine.inspectImage(image).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .orElseThrow().getString("Id");
        assertThat(container.getString("ImageID").replace("sha256:", "")).as("the container runs the pinned image")
                .isEqualTo(imageId.replace("sha256:", ""));
        assertThat(wisp.cli("build", "logs", "hello-oci").stdout())
                .contains("==> step: image (jib, base tar://").contains("==> loaded: " + image);
        assertThat(wisp.cli("describe", "service", "hello-oci").stdout())
                .contains("Image:    " + image + "  (runs " + image.substring(image.indexOf('@') + 1) + ")");

    }

    @Test
    void aStrategyWithoutABaseImageFailsWithNoBaseImage() throws Exception {
        WispProcess.CliResult deployed = wisp.cli("deploy", "--no-wait", "--runtime", "container", "--source",
                ROOT.resolve("samples/python-hello").toString(), "py-oci");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        await("py-oci fails").atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() ->
                "False".equals(build("py-oci").path("status").path("conditions").path(0).path("status").asText()));

        assertThat(build("py-oci").path("status").path("conditions").path(0).path("reason").asText()).isEqualTo("NoBaseImage");
        assertThat(wisp.cli("get", "builds").stdout()).containsPattern("py-oci\\s+False\\s+NoBaseImage");
        assertThat(wisp.cli("build", "logs", "py-oci").stdout()).contains("no base image is configured for strategy python");
    }

    /**
     * A copy of samples/java-hello listening on all the container's interfaces: the sample binds
     * 127.0.0.1 (right for the process runtime), which a published container port cannot reach.
     */
    private static Path containerReadyCopyOfJavaHello(Path copy) throws IOException {
        SourceTrees.copyWithoutTarget(ROOT.resolve("samples/java-hello"), copy);
        Path main = copy.resolve("src/main/java/hello/JavaHello.java");
        String code = Files.readString(main);
        assertThat(code).contains("new InetSocketAddress(\"127.0.0.1\", port)");
        Files.writeString(main, code.replace("new InetSocketAddress(\"127.0.0.1\", port)", "new InetSocketAddress(port)"));
        return copy;
    }

    private static JsonArray ownContainers() throws Exception {
        return engine.listContainers(ContainerLabels.ownedBy(ContainerLabels.ownerOf(stateDir)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonNode build(String name) throws IOException, InterruptedException {
        return JSON.readTree(api.get("/apis/build.wisp.dev/v1alpha1/namespaces/default/builds/" + name).body());
    }

    private static String serviceImage(String name) throws IOException, InterruptedException {
        JsonNode service = JSON.readTree(api.get("/apis/serving.knative.dev/v1/namespaces/default/services/" + name).body());
        return service.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
    }

    private static String answer(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = new Ingress(wisp.ingressPort()).get(URI.create(url).getHost(), "/");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finishes").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + output).isZero();
    }
}
