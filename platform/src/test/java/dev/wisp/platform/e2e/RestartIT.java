package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting {@code wisp up}: resources survive, and nothing is left running. */
class RestartIT {

    @TempDir
    Path stateDir;

    @Test
    void serviceSurvivesARestartAndStoppingLeavesNoProcessBehind() throws Exception {
        List<ProcessHandle> descendants;
        try (WispProcess wisp = WispProcess.start(stateDir, "--eventing")) {
            assertThat(wisp.cliWithInput(Manifests.hello("durable", "Durable"), "apply", "-f", "-").exitCode()).isZero();
            Ingress ingress = new Ingress(wisp.ingressPort());
            await("durable serves").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(ingress.get("durable.default.localhost", "/").body()).isEqualTo("Hello Durable!\n"));
            descendants = ProcessHandle.of(wisp.pid()).orElseThrow().descendants().toList();
            assertThat(descendants).as("instances run as child processes").isNotEmpty();
            assertThat(wisp.stop()).isIn(0, 130, 143);
        }
        await("no process left").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(descendants).noneMatch(ProcessHandle::isAlive));

        try (WispProcess again = WispProcess.start(stateDir, "--eventing")) {
            WispProcess.CliResult listed = again.cli("get", "services");
            assertThat(listed.stdout()).contains("durable");
            Ingress ingress = new Ingress(again.ingressPort());
            await("durable serves after restart").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> response = ingress.get("durable.default.localhost", "/");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("Hello Durable!\n");
            });
            // This time eventing (the Kafka child JVM) is fully up before the stop; the first stop may
            // have come while it was still starting. Neither may leave Kafka behind.
            await("eventing up").atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(again.output()).contains("wisp eventing:"));
            List<ProcessHandle> second = ProcessHandle.of(again.pid()).orElseThrow().descendants().toList();
            assertThat(second).as("an instance and the Kafka broker").hasSizeGreaterThanOrEqualTo(2);
            again.stop();
            await("no process left after the second stop").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(second).noneMatch(ProcessHandle::isAlive));
        }
    }
}
