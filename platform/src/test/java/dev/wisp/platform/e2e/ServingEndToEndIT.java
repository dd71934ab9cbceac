package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standalone Wisp end to end: a real {@code wisp up}, the real CLI, real instances and real HTTP. */
class ServingEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static Ingress ingress;

    @BeforeAll
    static void startWisp() throws Exception {
        wisp = WispProcess.start(stateDir);
        ingress = new Ingress(wisp.ingressPort());
    }

    @AfterAll
    static void stopWisp() throws Exception {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void appliedServiceGetsUrlServesScalesToZeroAndServesAgain() throws Exception {
        WispProcess.CliResult applied = wisp.cliWithInput(Manifests.hello("hello", "World"), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).contains("service.serving.knative.dev/hello created");

        awaitReady("hello");
        JsonNode service = getJson("services", "hello");
        assertThat(service.path("status").path("url").asText()).isEqualTo("http://hello.default.localhost:" + wisp.ingressPort());
        assertThat(service.path("status").path("latestReadyRevisionName").asText()).isEqualTo("hello-00001");

        HttpResponse<String> first = ingress.get("hello.default.localhost", "/");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Hello World!\n");

        awaitScaledToZero("hello-00001");
        HttpResponse<String> cold = ingress.get("hello.default.localhost:" + wisp.ingressPort(), "/");
        assertThat(cold.statusCode()).isEqualTo(200);
        assertThat(cold.body()).isEqualTo("Hello World!\n");

        WispProcess.CliResult table = wisp.cli("get", "services");
        assertThat(table.stdout()).contains("NAME", "URL", "READY").contains("http://hello.default.localhost:" + wisp.ingressPort());
        WispProcess.CliResult revisions = wisp.cli("get", "revisions");
        assertThat(revisions.stdout()).contains("hello-00001").contains("100%");
    }

    @Test
    void fiftyConcurrentRequestsToARevisionAtZeroAllSucceed() throws Exception {
        assertThat(wisp.cliWithInput(Manifests.hello("burst", "Burst"), "apply", "-f", "-").exitCode()).isZero();
        awaitReady("burst");
        awaitScaledToZero("burst-00001");

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(ingress.client().sendAsync(ingress.request("burst.default.localhost", "/"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Hello Burst!\n");
        }
    }

    @Test
    void containerThatExitsAtOnceShowsWhyInDescribe() throws Exception {
        String manifest = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: crashy
                spec:
                  template:
                    spec:
                      containers:
                        - image: wisp.local/crashy
                          command: ["sh", "-c", "echo 'cannot open database: connection refused' >&2; exit 3"]
                """;
        assertThat(wisp.cliWithInput(manifest, "apply", "-f", "-").exitCode()).isZero();
        await("describe shows the exit code and output").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            WispProcess.CliResult described = wisp.cli("describe", "service", "crashy");
            assertThat(described.exitCode()).as(described.toString()).isZero();
            assertThat(described.stdout()).contains("ExitCode3").contains("cannot open database: connection refused");
        });
        assertThat(getJson("services", "crashy").path("status").path("conditions").toString()).contains("\"False\"");
        assertThat(wisp.cli("get", "services", "crashy").stdout()).contains("False");
    }

    @Test
    void invalidInputIsRejectedWithTheFieldPathAndNothingIsStored() throws Exception {
        WispProcess.CliResult missingImage = wisp.cliWithInput(noImageManifest(), "apply", "-f", "-");
        assertThat(missingImage.exitCode()).isNotZero();
        assertThat(missingImage.stderr().strip()).startsWith("error: ").contains("spec.template.spec.containers[0].image: required");
        assertThat(missingImage.stderr().strip().lines()).hasSize(1);

        String negative = Manifests.hello("negative", "x").replace("    spec:\n      containers:",
                "    spec:\n      containerConcurrency: -1\n      containers:");
        WispProcess.CliResult negativeCc = wisp.cliWithInput(negative, "apply", "-f", "-");
        assertThat(negativeCc.exitCode()).as(negative).isNotZero();
        assertThat(negativeCc.stderr()).contains("spec.template.spec.containerConcurrency");

        WispProcess.CliResult badYaml = wisp.cliWithInput("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: [unclosed\n", "apply", "-f", "-");
        assertThat(badYaml.exitCode()).isNotZero();
        assertThat(badYaml.stderr()).containsIgnoringCase("yaml");

        String twoDocs = Manifests.hello("firstok", "x") + "---\n" + noImageManifest().replace("name: noimage", "name: secondbad");
        WispProcess.CliResult partial = wisp.cliWithInput(twoDocs, "apply", "-f", "-");
        assertThat(partial.exitCode()).isNotZero();
        assertThat(partial.stderr()).contains("secondbad").contains("image");

        String listed = wisp.cli("get", "services", "-o", "json").stdout();
        assertThat(listed).doesNotContain("noimage", "negative", "firstok", "secondbad");
    }

    @Test
    void logsShowTheInstanceOutputAndDeleteStopsEverything() throws Exception {
        assertThat(wisp.cliWithInput(Manifests.hello("gone", "Gone"), "apply", "-f", "-").exitCode()).isZero();
        awaitReady("gone");
        assertThat(ingress.get("gone.default.localhost", "/").body()).isEqualTo("Hello Gone!\n");
        JsonNode instances = apiJson("/apis/serving.knative.dev/v1/namespaces/default/revisions/gone-00001/instances");
        long pid = instances.path("items").path(0).path("pid").asLong();
        assertThat(ProcessHandle.of(pid)).isPresent();

        WispProcess.CliResult logs = wisp.cli("logs", "gone");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).contains("hello listening port=").contains("revision=gone-00001");

        WispProcess.CliResult deleted = wisp.cli("delete", "service", "gone");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.stdout()).contains("service.serving.knative.dev/gone deleted");
        await("instance stopped").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        await("route removed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ingress.get("gone.default.localhost", "/").statusCode()).isEqualTo(404));
        assertThat(wisp.cli("get", "revisions", "-o", "json").stdout()).doesNotContain("gone-00001");
        assertThat(wisp.cli("delete", "service", "gone").exitCode()).isNotZero();
    }

    @Test
    void minScaleKeepsAnInstanceThroughIdlePeriods() throws Exception {
        String pinned = Manifests.hello("pinned", "Pinned").replace("  template:\n    spec:",
                "  template:\n    metadata:\n      annotations:\n        autoscaling.knative.dev/min-scale: \"1\"\n    spec:");
        assertThat(pinned).contains("min-scale");
        assertThat(wisp.cliWithInput(pinned, "apply", "-f", "-").exitCode()).isZero();
        awaitReady("pinned");
        // idle for longer than the window (6s) plus the grace period (1s): it must stay at one instance
        await("pinned stays at one instance").during(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode revision = getJson("revisions", "pinned-00001");
                    assertThat(revision.path("status").path("desiredReplicas").asInt()).isEqualTo(1);
                    assertThat(revision.path("status").path("actualReplicas").asInt()).isEqualTo(1);
                });
    }

    @Test
    void missingFileAndUnknownServiceGiveOneLineErrors() throws Exception {
        WispProcess.CliResult missing = wisp.cli("apply", "-f", "/nonexistent/hello.yaml");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr().strip()).isEqualTo("error: file not found: /nonexistent/hello.yaml");
        WispProcess.CliResult unknown = wisp.cli("describe", "service", "nosuch");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr().strip()).isEqualTo("error: service \"nosuch\" not found in namespace default");
    }

    private static String noImageManifest() {
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: noimage
                spec:
                  template:
                    spec:
                      containers:
                        - command: ["true"]
                """;
    }

    static void awaitReady(String service) {
        await(service + " Ready").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(condition(getJson("services", service), "Ready")).isEqualTo("True"));
    }

    static void awaitScaledToZero(String revision) {
        await(revision + " scaled to zero").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode rev = getJson("revisions", revision);
            assertThat(rev.path("status").path("desiredReplicas").asInt(-1)).isZero();
            assertThat(rev.path("status").path("actualReplicas").asInt(-1)).isZero();
            JsonNode instances = apiJson("/apis/serving.knative.dev/v1/namespaces/default/revisions/" + revision + "/instances");
            for (JsonNode instance : instances.path("items")) {
                assertThat(ProcessHandle.of(instance.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false))
                        .as("instance process " + instance).isFalse();
            }
        });
    }

    static String condition(JsonNode resource, String type) {
        for (JsonNode c : resource.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    static JsonNode getJson(String plural, String name) throws Exception {
        return apiJson("/apis/serving.knative.dev/v1/namespaces/default/" + plural + "/" + name);
    }

    static JsonNode apiJson(String path) throws Exception {
        HttpResponse<String> r = new ApiHttp(wisp.api()).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
