package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.serving.runtime.container.ContainerLabels;
import dev.wisp.serving.runtime.container.EngineClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * {@code wisp up --runtime container} against a real Podman API service (installed and started by
 * {@code scripts/podman-service.sh}) and a locally built busybox image: a Service from the image
 * serves, scales to zero and back; a missing image is reported while the old revision serves; an
 * exiting container is restarted and described; a killed and restarted Wisp leaks no container.
 */
class ContainerRuntimeIT {

    private static final String IMAGE = "localhost/wisp-test/busybox:2";
    private static final String HELLO = "hello from a wisp container";
    private static final Duration LONG = Duration.ofSeconds(60);
    private static Path socket;
    private static EngineClient engine;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startPodman() throws Exception {
        Path script = Path.of("../scripts/podman-service.sh").toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "wisp-podman-test");
        Process setup = new ProcessBuilder(script.toString(), dir.toString(), IMAGE).redirectErrorStream(true).start();
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(setup.waitFor(10, TimeUnit.MINUTES)).as("podman set-up finishes").isTrue();
        assertThat(setup.exitValue()).as("podman set-up (%s) failed:\n%s", script, output).isZero();
        socket = dir.resolve("podman.sock");
        engine = EngineClient.open(socket);
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void servicesRunAsContainersAcrossScaleToZeroFailuresAndARestart() throws Exception {
        try (WispProcess wisp = up()) {
            servesScalesToZeroAndReportsFailures(wisp);
            wisp.kill();
        }
        try (WispProcess wisp = up()) {
            Ingress ingress = new Ingress(wisp.ingressPort());
            await("web serves after the restart").atMost(LONG).untilAsserted(() ->
                    assertThat(ingress.get("web.default.localhost", "/").body()).contains(HELLO));
            assertThat(ownContainers()).as("the killed Wisp's container was removed, none duplicated").hasSize(1);
            assertThat(wisp.stop()).isIn(0, 130, 143);
            assertThat(ownContainers()).as("stopping Wisp removes its containers").isEmpty();
        }
    }

    private void servesScalesToZeroAndReportsFailures(WispProcess wisp) throws Exception {
        Ingress ingress = new Ingress(wisp.ingressPort());
        apply(wisp, service("web", null, null));
        await("web serves from its container").atMost(LONG).untilAsserted(() ->
                assertThat(ingress.get("web.default.localhost", "/").body()).contains(HELLO));
        assertThat(ownContainers()).hasSize(1);

        await("web scales to zero and its container is removed").atMost(LONG)
                .untilAsserted(() -> assertThat(ownContainers()).isEmpty());
        assertThat(ingress.get("web.default.localhost", "/").body()).as("served from zero").contains(HELLO);

        apply(wisp, service("web", "localhost:1/wisp-test/does-not-exist:1", null));
        await("describe shows why the new revision fails").atMost(LONG).untilAsserted(() ->
                assertThat(wisp.cli("describe", "service", "web").stdout())
                        .contains("web-00002").contains("ImagePullBackOff").contains("does-not-exist"));
        assertThat(wisp.cli("describe", "service", "web").stdout()).as("the revision runs a pinned image")
                .containsPattern("wisp-test/busybox:\\d+ {2}\\(runs \\S*(sha256:)?[0-9a-f]{12,}");
        assertThat(ingress.get("web.default.localhost", "/").body()).as("the old revision serves").contains(HELLO);

        apply(wisp, service("crashy", null, "echo starting crashy; echo cannot open database >&2; exit 3"));
        await("describe shows the exit code, the output and restarts").atMost(LONG).untilAsserted(() -> {
            String described = wisp.cli("describe", "service", "crashy").stdout();
            assertThat(described).contains("ExitCode3").contains("cannot open database");
            assertThat(restartsOf(wisp, "crashy-00001")).isGreaterThanOrEqualTo(1);
        });
        assertThat(wisp.cli("logs", "crashy").stdout()).contains("starting crashy");
        assertThat(wisp.cli("delete", "service", "crashy").exitCode()).isZero();

        await("web serves again").atMost(LONG).untilAsserted(() ->
                assertThat(ingress.get("web.default.localhost", "/").body()).contains(HELLO));
        await("crashy's containers are gone").atMost(LONG).untilAsserted(() -> assertThat(ownContainers()).hasSize(1));
    }

    private WispProcess up() throws Exception {
        return WispProcess.start(stateDir, "--runtime", "container", "--container-socket", socket.toString());
    }

    private static void apply(WispProcess wisp, String manifest) throws Exception {
        WispProcess.CliResult applied = wisp.cliWithInput(manifest, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
    }

    private static int restartsOf(WispProcess wisp, String revision) throws Exception {
        String body = new ApiHttp(wisp.api()).get("/apis/serving.knative.dev/v1/namespaces/default/revisions/"
                + revision + "/instances").body();
        JsonObject view = new JsonObject(body);
        return view.getJsonArray("items").stream().map(JsonObject.class::cast)
                .mapToInt(i -> i.getInteger("restarts")).max().orElse(0);
    }

    private JsonArray ownContainers() throws Exception {
        return engine.listContainers(ContainerLabels.ownedBy(ContainerLabels.ownerOf(stateDir)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String service(String name, String image, String script) {
        String command = script == null ? "" : """
                          command: ["sh", "-c"]
                          args: ['%s']
                """.formatted(script);
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                  namespace: default
                spec:
                  template:
                    spec:
                      containers:
                        - image: %s
                %s""".formatted(name, image == null ? IMAGE : image, command);
    }
}
