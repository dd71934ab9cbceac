package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wisp.api.testing.SourceTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source to URL against a real {@code wisp up}: {@code wisp deploy --source} of the Python and Java
 * samples answers at its URL; a second deploy of the same source is a cache hit; a Git source builds
 * the requested commit, not the branch head; a failing build reports the compiler's errors and leaves
 * the Service serving its previous revision.
 */
class DeployFromSourceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../samples").toAbsolutePath().normalize();

    @TempDir
    static Path state;
    private static WispProcess wisp;
    private static Ingress ingress;
    private static ApiHttp api;

    @BeforeAll
    static void startWisp() throws IOException {
        wisp = WispProcess.start(state.resolve("wisp"));
        ingress = new Ingress(wisp.ingressPort());
        api = new ApiHttp(wisp.api());
    }

    @AfterAll
    static void stopWisp() throws InterruptedException {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void pythonSampleAnswersAndTheSecondDeployIsACacheHit() throws Exception {
        WispProcess.CliResult first = wisp.cli("deploy", "--source", SAMPLES.resolve("python-hello").toString(), "py");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String url = lastLine(first.stdout());
        assertThat(answer(url)).isEqualTo("hello from python\n");
        assertThat(first.stderr()).contains("==> source: sha256:").contains("strategy: python");

        long started = System.nanoTime();
        WispProcess.CliResult second = wisp.cli("deploy", "--source", SAMPLES.resolve("python-hello").toString(), "py");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode build = build("py");
        assertThat(build.path("status").path("cacheHit").asBoolean()).isTrue();
        String log = wisp.cli("build", "logs", "py").stdout();
        assertThat(log).contains("==> cache hit: wisp.local/py@sha256:").doesNotContain("==> step:");
        assertThat(answer(lastLine(second.stdout()))).isEqualTo("hello from python\n");
        System.out.printf("python deploy cache hit: %.1f s (CLI, build and URL)%n", seconds);
        WispProcess.CliResult table = wisp.cli("get", "builds");
        assertThat(table.stdout()).contains("SUCCEEDED").contains("py").contains("True").contains(url);
    }

    @Test
    void nodeSampleAnswersAndItsLogFollowsTheStepsUntilTheRunEnds() throws Exception {
        WispProcess.CliResult deployed = wisp.cli("deploy", "--no-wait", "--source",
                SAMPLES.resolve("node-hello").toString(), "nd");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        WispProcess.CliResult followed = wisp.cli("build", "logs", "nd", "-f");
        assertThat(followed.exitCode()).as(followed.toString()).isZero();
        assertThat(followed.stdout()).contains("strategy: node").contains("==> step: npm ci");
        await("the node build's service answers").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(answer(build("nd").path("status").path("url").asText())).isEqualTo("hello from node\n"));
    }

    @Test
    void procfileSampleRunsItsWebLineWithoutAShell() throws Exception {
        WispProcess.CliResult deployed = wisp.cli("deploy", "--source", SAMPLES.resolve("procfile-hello").toString(), "pf");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(answer(lastLine(deployed.stdout()))).isEqualTo("hello from a Procfile\n");
        assertThat(build("pf").path("status").path("strategy").asText()).isEqualTo("command");
    }

    @Test
    void javaSampleAnswersAndAFailedBuildKeepsThePreviousRevision(@TempDir Path copy) throws Exception {
        WispProcess.CliResult deployed = wisp.cli("deploy", "--no-wait", "--source",
                SAMPLES.resolve("java-hello").toString(), "jv");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        JsonNode built = awaitFinished("jv", true);
        assertThat(built.path("status").path("image").asText()).startsWith("wisp.local/jv@sha256:");
        String url = built.path("status").path("url").asText();
        assertThat(answer(url)).isEqualTo("hello from java\n");
        String servedImage = serviceImage("jv");

        SourceTrees.copyWithoutTarget(SAMPLES.resolve("java-hello"), copy);
        Path source = copy.resolve("src/main/java/hello/JavaHello.java");
        Files.writeString(source, Files.readString(source).replace("server.start();", "server.start(;"));
        WispProcess.CliResult broken = wisp.cli("deploy", "--no-wait", "--source", copy.toString(), "jv");
        assertThat(broken.exitCode()).as(broken.toString()).isZero();
        JsonNode failed = awaitFinished("jv", false);

        JsonNode succeeded = failed.path("status").path("conditions").get(0);
        assertThat(succeeded.path("reason").asText()).isEqualTo("StepFailed");
        assertThat(succeeded.path("message").asText()).contains("mvn").contains("JavaHello.java")
                .startsWith("src/main/java/hello/JavaHello.java:[").doesNotContain("/builds/work/");
        assertThat(failed.path("status").has("image")).as("a failed run has no image").isFalse();
        assertThat(failed.path("status").path("sourceDigest").asText())
                .isNotEqualTo(built.path("status").path("sourceDigest").asText());
        assertThat(serviceImage("jv")).isEqualTo(servedImage);
        assertThat(answer(url)).isEqualTo("hello from java\n");
    }

    @Test
    void gitSourceBuildsTheRequestedCommitNotTheBranchHead(@TempDir Path repo) throws Exception {
        RevCommit first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("requirements.txt"), "# none\n");
            first = commit(git, repo, "from commit one");
            commit(git, repo, "from commit two");
        }
        String yaml = """
                apiVersion: build.wisp.dev/v1alpha1
                kind: Build
                metadata: {name: gitapp}
                spec:
                  source:
                    git: {url: '%s', revision: '%s'}
                """.formatted(repo.toUri(), first.getName());
        HttpResponse<String> applied = api.send("POST", "/apis/wisp.dev/v1alpha1/apply", "application/yaml", yaml);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

        JsonNode built = awaitFinished("gitapp", true);

        assertThat(answer(built.path("status").path("url").asText())).isEqualTo("from commit one\n");
        assertThat(wisp.cli("build", "logs", "gitapp").stdout()).contains("(commit " + first.getName() + ")");
    }

    private static RevCommit commit(Git git, Path repo, String answer) throws Exception {
        Files.writeString(repo.resolve("app.py"), """
                import os
                from http.server import BaseHTTPRequestHandler, HTTPServer
                class H(BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = b"%s\\n"
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
                """.formatted(answer));
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(answer).setSign(false).setAuthor("t", "t@example.com")
                .setCommitter("t", "t@example.com").call();
    }

    private static JsonNode awaitFinished(String name, boolean success) {
        JsonNode[] last = new JsonNode[1];
        await(name + (success ? " succeeds with a URL" : " fails")).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    last[0] = build(name);
                    JsonNode status = last[0].path("status");
                    String succeeded = status.path("conditions").path(0).path("status").asText();
                    boolean current = status.path("observedRun").asText("").equals(
                            last[0].path("metadata").path("annotations").path("build.wisp.dev/run").asText(""));
                    if (!current) {
                        return false;
                    }
                    if (success && "False".equals(succeeded)) {
                        throw new AssertionError("build failed: " + status + "\n" + wisp.output());
                    }
                    return success ? "True".equals(succeeded) && !status.path("url").asText("").isEmpty()
                            : "False".equals(succeeded);
                });
        return last[0];
    }

    private static JsonNode build(String name) throws IOException, InterruptedException {
        return JSON.readTree(api.get("/apis/build.wisp.dev/v1alpha1/namespaces/default/builds/" + name).body());
    }

    private static String serviceImage(String name) throws IOException, InterruptedException {
        JsonNode service = JSON.readTree(api.get("/apis/serving.knative.dev/v1/namespaces/default/services/" + name).body());
        return service.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
    }

    private static String answer(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = ingress.get(URI.create(url).getHost(), "/");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
