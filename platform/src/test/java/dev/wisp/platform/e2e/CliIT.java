package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets on the command line of a real {@code wisp up}: the hint it prints works as it
 * is, a second {@code wisp up} on the same state is refused without touching the first one's instances,
 * usage errors and unknown revisions are one line {@code error: ...}, and the help texts are accurate.
 */
class CliIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern HINT = Pattern.compile("try: wisp (.+)$", Pattern.MULTILINE);

    @TempDir
    static Path stateDir;

    private static WispProcess wisp;

    @BeforeAll
    static void startWisp() throws IOException {
        wisp = WispProcess.start(stateDir);
    }

    @AfterAll
    static void stopWisp() throws InterruptedException {
        if (wisp != null) {
            wisp.close();
        }
    }

    /** A Service that serves with Python's http.server: light, as the machine is shared. */
    static String web(String name, String value) {
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                        - image: wisp.local/web
                          command: ["python3", "-m", "http.server", "$(PORT)", "--bind", "127.0.0.1"]
                          env: [{name: VALUE, value: "%s"}]
                """.formatted(name, value);
    }

    @Test
    void theHintOfWispUpWorksAsItIsFromTheRepositoryRoot() throws Exception {
        Matcher hint = HINT.matcher(wisp.output());
        assertThat(hint.find()).as(wisp.output()).isTrue();
        List<String> args = new java.util.ArrayList<>(Arrays.asList(hint.group(1).strip().split("\\s+")));
        args.addAll(List.of("--server", wisp.api()));
        WispProcess.CliResult deployed = WispProcess.run(REPOSITORY, null, args);
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        String[] lines = deployed.stdout().strip().split("\\R");
        URI url = URI.create(lines[lines.length - 1]);
        HttpResponse<String> answer = new Ingress(wisp.ingressPort()).get(url.getHost(), "/");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Files.readString(REPOSITORY.resolve("samples/hello/service.yaml")))
                .as("the manifest with a placeholder says it is ./demo's template").contains("TEMPLATE for ./demo");
    }

    @Test
    void aSecondWispUpOnTheSameStateIsRefusedAndTouchesNothing() throws Exception {
        // min-scale 1: the autoscaler must not take steady's instance away while the second wisp up starts
        // (its JVM start can outlast the test's 6 s stable window); other tests' instances come and go.
        String steady = web("steady", "1").replace("    spec:\n      containers:",
                "    metadata: {annotations: {autoscaling.knative.dev/min-scale: \"1\"}}\n    spec:\n      containers:");
        assertThat(wisp.cliWithInput(steady, "apply", "-f", "-").exitCode()).isZero();
        Ingress ingress = new Ingress(wisp.ingressPort());
        await("steady serves").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ingress.get("steady.default.localhost", "/").statusCode()).isEqualTo(200));
        List<Long> instances = ProcessHandle.of(wisp.pid()).orElseThrow().children()
                .map(ProcessHandle::pid).filter(pid -> instanceOf(pid, "steady")).toList();
        assertThat(instances).isNotEmpty();

        WispProcess.CliResult second = WispProcess.run(null, null, List.of("up", "--state-dir", stateDir.toString(),
                "--port", "0", "--api-port", "0", "--no-eventing"));

        assertThat(second.exitCode()).as(second.toString()).isNotZero();
        assertThat(second.stderr().strip()).isEqualTo("error: state directory " + stateDir.toAbsolutePath()
                + " is in use by another wisp up (pid " + wisp.pid() + ")");
        assertThat(instances).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("instance pid %d still runs", pid).contains(true));
        assertThat(ingress.get("steady.default.localhost", "/").statusCode()).isEqualTo(200);
        assertThat(ProcessHandle.of(wisp.pid()).orElseThrow().children().map(ProcessHandle::pid).toList())
                .containsAll(instances);
    }

    /** Whether a process is an instance of the named Service: its environment has {@code K_SERVICE=name}. */
    private static boolean instanceOf(long pid, String service) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            return Arrays.asList(new String(environ, java.nio.charset.StandardCharsets.UTF_8).split("\0"))
                    .contains("K_SERVICE=" + service);
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void trafficAndTagsNamingARevisionThatDoesNotExistAreRefusedBeforeSending() throws Exception {
        assertThat(wisp.cliWithInput(web("split", "1"), "apply", "-f", "-").exitCode()).isZero();
        assertThat(wisp.cli("service", "update", "split", "--env", "VALUE=2").exitCode()).isZero();
        await("two revisions").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(wisp.cli("get", "revisions").stdout()).contains("split-00001", "split-00002"));
        String before = wisp.cli("get", "services", "split", "-o", "json").stdout();
        String expected = "error: revision \"nope\" not found for service split (revisions: split-00001, split-00002)";

        WispProcess.CliResult traffic = wisp.cli("service", "update", "split", "--traffic", "nope=100");
        WispProcess.CliResult tag = wisp.cli("service", "update", "split", "--tag", "nope=x");

        assertThat(traffic.exitCode()).as(traffic.toString()).isEqualTo(1);
        assertThat(traffic.stderr().strip()).isEqualTo(expected);
        assertThat(tag.exitCode()).as(tag.toString()).isEqualTo(1);
        assertThat(tag.stderr().strip()).isEqualTo(expected);
        assertThat(wisp.cli("get", "services", "split", "-o", "json").stdout()).as("nothing was sent").isEqualTo(before);
        WispProcess.CliResult valid = wisp.cli("service", "update", "split", "--tag", "split-00001=old",
                "--traffic", "old=50,@latest=50");
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
    }

    @Test
    void usageErrorsAreOneLineWithTheCommandsHelp() throws Exception {
        WispProcess.CliResult apply = WispProcess.run(null, null, List.of("apply", "-f", "a.yaml", "b.yaml"));
        WispProcess.CliResult up = WispProcess.run(null, null, List.of("up", "--port", "abc"));

        assertThat(apply.exitCode()).isEqualTo(2);
        assertThat(apply.stderr().strip()).isEqualTo("error: Unmatched argument at index 3: 'b.yaml' (see: wisp apply --help)");
        assertThat(apply.stdout()).isEmpty();
        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.stderr().strip())
                .isEqualTo("error: Invalid value for option '--port': 'abc' is not an int (see: wisp up --help)");
    }

    @Test
    void applyTakesSeveralFilesAllOrNothing(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("first.yaml"), web("first", "1"));
        Path second = Files.writeString(dir.resolve("second.yaml"), web("second", "1"));
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), web("invalid", "1").replace("image: wisp.local/web", "name: no-image"));

        WispProcess.CliResult refused = wisp.cli("apply", "-f", first.toString(), "-f", invalid.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.stderr()).startsWith("error: ").contains("image");
        assertThat(wisp.cli("get", "services").stdout()).doesNotContain("first");

        WispProcess.CliResult applied = wisp.cli("apply", "-f", first.toString(), "-f", second.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).contains("service.serving.knative.dev/first", "service.serving.knative.dev/second");
        assertThat(wisp.cli("get", "services").stdout()).contains("first", "second");
    }

    @Test
    void wispUpWithEventingPrintsFewLinesBeforeEventingIsUp(@TempDir Path state) throws Exception {
        try (WispProcess withEventing = WispProcess.start(state, "--eventing")) {
            EventingWisp.awaitBrokerIngress(withEventing);
            List<String> lines = withEventing.output().lines().toList();
            int eventingLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("wisp eventing:")).findFirst().orElseThrow());
            assertThat(eventingLine + 1).as("lines up to wisp eventing:\n" + withEventing.output()).isLessThan(80);
            assertThat(lines.subList(0, eventingLine)).noneMatch(l -> l.contains("org.apache.kafka") || l.contains("Rebootstrapping"));
        }
    }

    @Test
    void aTakenBrokerPortIsNamedWithTheWayOutAndServingKeepsRunning(@TempDir Path state) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             WispProcess noBroker = WispProcess.start(state, "--eventing", "--broker-port",
                     Integer.toString(taken.getLocalPort()))) {
            String expected = "error: eventing did not start: broker port 127.0.0.1:" + taken.getLocalPort() + " is in use";
            await("eventing fails").atMost(Duration.ofSeconds(60)).until(() -> noBroker.output().contains(expected));
            String line = noBroker.output().lines().filter(l -> l.startsWith(expected)).findFirst().orElseThrow();
            assertThat(line).contains("--broker-port PORT", "--broker-port 0", "--no-eventing",
                    "serving keeps running without eventing");
            assertThat(new ApiHttp(noBroker.api()).get("/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(noBroker.cli("get", "services").exitCode()).isZero();
        }
    }

    @Test
    void helpTextsNameWhatTheCommandsTake() throws Exception {
        String top = WispProcess.run(null, null, List.of("--help")).stdout();
        String describe = WispProcess.run(null, null, List.of("describe", "--help")).stdout();
        String get = WispProcess.run(null, null, List.of("get", "--help")).stdout();
        String delete = WispProcess.run(null, null, List.of("delete", "--help")).stdout();

        assertThat(top.replaceAll("\\s+", " ")).contains("describe Show a service or a trigger");
        assertThat(describe).contains("trigger").doesNotContain("only type");
        assertThat(get.replaceAll("\\s+", " ")).contains("triggers or builds");
        assertThat(delete.replaceAll("\\s+", " ")).contains("triggers or builds");
    }
}
