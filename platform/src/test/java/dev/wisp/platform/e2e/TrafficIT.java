package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic between revisions end to end: a real {@code wisp up}, the real CLI ({@code wisp service
 * update}), real instances of samples/hello told apart by their {@code X-Revision} header.
 */
class TrafficIT {
    private static final int CLIENTS = 20;

    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static Ingress ingress;
    static TrafficCluster cluster;

    @BeforeAll
    static void startWisp() throws Exception {
        wisp = WispProcess.start(stateDir);
        ingress = new Ingress(wisp.ingressPort());
        cluster = new TrafficCluster(wisp);
    }

    @AfterAll
    static void stopWisp() throws Exception {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void eightyTwentySplitHoldsOverTenThousandRequestsAndTagsReachTheirRevision() throws Exception {
        cluster.apply(Manifests.hello("split", "Blue"));
        cluster.awaitLatestReady("split", "split-00001");
        cluster.update("split", "--env", "TARGET=Green", "--traffic", "split-00001=80,@latest=20",
                "--tag", "split-00001=blue,@latest=green");
        cluster.awaitLatestReady("split", "split-00002");
        await("split 80/20 routed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.percentOf("split", "split-00002")).isEqualTo(20));

        TrafficLoad load = TrafficLoad.start(ingress, "split.default.localhost", CLIENTS, 10_000, Duration.ofMinutes(4));
        load.join();

        assertThat(load.failures()).isEmpty();
        assertThat(load.succeeded()).isEqualTo(10_000);
        double blue = 100.0 * load.count("split-00001") / load.succeeded();
        System.out.printf("split accuracy: split-00001=%.2f%% split-00002=%.2f%% of %d%n", blue, 100 - blue,
                load.succeeded());
        assertThat(blue).isBetween(78.0, 82.0);
        assertThat(ingress.get("blue-split.default.localhost", "/").body()).isEqualTo("Hello Blue!\n");
        assertThat(ingress.get("green-split.default.localhost", "/").body()).isEqualTo("Hello Green!\n");
        WispProcess.CliResult routes = wisp.cli("get", "routes");
        assertThat(routes.stdout()).contains("http://blue-split.default.localhost:" + wisp.ingressPort())
                .contains("http://green-split.default.localhost:" + wisp.ingressPort()).contains("80% split-00001");
        WispProcess.CliResult revisions = wisp.cli("get", "revisions");
        assertThat(revisions.stdout()).containsPattern("split-00001\\s+split\\s+80%\\s+blue")
                .containsPattern("split-00002\\s+split\\s+20%\\s+green");
    }

    @Test
    void noRequestFailsWhileFlippingRollingOutAndRollingBack() throws Exception {
        cluster.apply(Manifests.hello("flip", "One"));
        cluster.awaitLatestReady("flip", "flip-00001");
        cluster.update("flip", "--env", "TARGET=Two", "--traffic", "flip-00001=100", "--tag", "@latest=next");
        cluster.awaitLatestReady("flip", "flip-00002");

        try (TrafficLoad load = TrafficLoad.start(ingress, "flip.default.localhost", CLIENTS, 200_000,
                Duration.ofMinutes(4))) {
            awaitServed(load, "flip-00001");
            cluster.update("flip", "--traffic", "flip-00001=0,flip-00002=100");   // blue/green flip 100/0 -> 0/100
            awaitOnlyServing("flip", "flip-00002");
            awaitServed(load, "flip-00002");
            cluster.update("flip", "--env", "TARGET=Three", "--traffic", "@latest=100"); // roll out a new revision
            cluster.awaitLatestReady("flip", "flip-00003");
            awaitOnlyServing("flip", "flip-00003");
            awaitServed(load, "flip-00003");
            cluster.update("flip", "--traffic", "flip-00001=100");               // roll back to the first
            awaitOnlyServing("flip", "flip-00001");
            long before = load.count("flip-00001");
            await("rolled back revision serves").atMost(Duration.ofSeconds(60))
                    .until(() -> load.count("flip-00001") > before + 100);
            load.close();
            System.out.printf("flip load: %s failures=%d%n", load.byRevision(), load.failures().size());
            assertThat(load.failures()).as("failed requests").isEmpty();
            assertThat(load.succeeded()).isGreaterThan(500);
        }
        HttpResponse<String> after = ingress.get("flip.default.localhost", "/");
        assertThat(after.headers().firstValue("X-Revision")).contains("flip-00001");
    }

    @Test
    void aTagReachesItsRevisionAtZeroPercentAndWakesItFromZero() throws Exception {
        cluster.apply(Manifests.hello("tagged", "Old"));
        cluster.awaitLatestReady("tagged", "tagged-00001");
        cluster.update("tagged", "--env", "TARGET=New", "--tag", "tagged-00001=old");
        cluster.awaitLatestReady("tagged", "tagged-00002");
        await("old at 0% behind its tag").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.percentOf("tagged", "tagged-00002")).isEqualTo(100));
        assertThat(cluster.percentOf("tagged", "tagged-00001")).isZero();
        cluster.awaitScaledToZero("tagged-00001");

        HttpResponse<String> woken = ingress.get("old-tagged.default.localhost", "/");

        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(woken.body()).isEqualTo("Hello Old!\n");
        assertThat(woken.headers().firstValue("X-Revision")).contains("tagged-00001");
        assertThat(ingress.get("tagged.default.localhost", "/").body()).isEqualTo("Hello New!\n");
        JsonNode traffic = cluster.get("routes", "tagged").path("status").path("traffic");
        assertThat(traffic.toString()).contains("\"url\":\"http://old-tagged.default.localhost:" + wisp.ingressPort() + "\"");
    }

    @Test
    void aMissingRevisionIsNamedInTheConditionAndTheOldSplitKeepsServing() throws Exception {
        cluster.apply(Manifests.hello("missing", "Still"));
        cluster.awaitLatestReady("missing", "missing-00001");

        WispProcess.CliResult refused = wisp.cli("service", "update", "missing", "--traffic", "missing-00009=100");
        assertThat(refused.exitCode()).as("the CLI refuses an unknown revision, as kn does").isEqualTo(1);
        assertThat(refused.stderr()).contains("revision \"missing-00009\" not found for service missing");
        // Knative YAML applied as it is reaches the server, which names the missing revision
        cluster.apply(Manifests.hello("missing", "Still") + """
                  traffic:
                    - revisionName: missing-00009
                      percent: 100
                """);

        await("route names the missing revision").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode route = cluster.get("routes", "missing").path("status");
            JsonNode assigned = TrafficCluster.conditionNode(route, "AllTrafficAssigned");
            assertThat(assigned).isNotNull();
            assertThat(assigned.path("status").asText()).isEqualTo("False");
            assertThat(assigned.path("reason").asText()).isEqualTo("RevisionMissing");
            assertThat(assigned.path("message").asText()).contains("missing-00009");
            assertThat(TrafficCluster.condition(cluster.get("services", "missing").path("status"), "Ready"))
                    .isEqualTo("False");
        });
        HttpResponse<String> still = ingress.get("missing.default.localhost", "/");
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.body()).isEqualTo("Hello Still!\n");
        assertThat(wisp.cli("get", "services", "missing").stdout()).contains("RevisionMissing");
    }

    private static void awaitServed(TrafficLoad load, String revision) {
        long before = load.count(revision);
        await(revision + " serves under load").atMost(Duration.ofSeconds(60)).until(() -> load.count(revision) > before + 50);
    }

    private static void awaitOnlyServing(String service, String revision) {
        await(service + " routes everything to " + revision).atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cluster.percentOf(service, revision)).isEqualTo(100));
    }
}
