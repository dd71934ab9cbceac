package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradual rollout and revision retention end to end, against a {@code wisp up} started with a
 * global rollout duration and a small retention limit.
 */
class RolloutIT {
    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static Ingress ingress;
    static TrafficCluster cluster;

    @BeforeAll
    static void startWisp() throws Exception {
        wisp = WispProcess.start(stateDir, "--rollout-duration", "8s", "--retain-revisions", "2");
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
    void aNewRevisionTakesOverInRisingStepsWithoutFailedRequests() throws Exception {
        cluster.apply(Manifests.hello("gradual", "Before"));
        cluster.awaitLatestReady("gradual", "gradual-00001");

        List<Long> shares = new ArrayList<>();
        try (TrafficLoad load = TrafficLoad.start(ingress, "gradual.default.localhost", 20, 200_000,
                Duration.ofMinutes(3))) {
            cluster.update("gradual", "--env", "TARGET=After");
            Instant started = Instant.now();
            await("gradual-00002 reaches 100%").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(150))
                    .until(() -> {
                        long share = cluster.percentOf("gradual", "gradual-00002");
                        if (shares.isEmpty() || shares.get(shares.size() - 1) != share) {
                            shares.add(share);
                        }
                        return share == 100;
                    });
            Duration took = Duration.between(started, Instant.now());
            load.close();
            System.out.printf("gradual rollout shares=%s took=%s load=%s failures=%d%n", shares, took,
                    load.byRevision(), load.failures().size());
            assertThat(load.failures()).isEmpty();
            assertThat(load.count("gradual-00001")).isPositive();
            assertThat(load.count("gradual-00002")).isPositive();
        }
        assertThat(shares).as("shares of the new revision seen over time").isSorted().endsWith(100L);
        assertThat(shares.stream().filter(s -> s > 0 && s < 100).count()).as("intermediate steps in " + shares)
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void retentionDeletesTheOldestNonActiveRevisionsBeyondTheLimitAndNothingElse() throws Exception {
        cluster.apply(Manifests.hello("keep", "V1"));
        cluster.awaitLatestReady("keep", "keep-00001");
        // Without a gradual rollout here, so that old revisions leave the traffic at once.
        cluster.update("keep", "--annotation", "serving.knative.dev/rollout-duration=0s", "--tag", "keep-00001=first");
        for (int version = 2; version <= 6; version++) {
            cluster.update("keep", "--env", "TARGET=V" + version);
            cluster.awaitLatestReady("keep", "keep-%05d".formatted(version));
            if (version == 2) {
                assertThat(logFiles("keep-00002")).as("log files of keep-00002 while it runs").isNotEmpty();
            }
        }

        // Non-active: 2, 3, 4, 5 (1 is tagged, 6 is the latest); the 2 newest of them stay.
        await("keep-00002 and keep-00003 collected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(cluster.get("revisions", "keep-00002")).isNull();
                    assertThat(cluster.get("revisions", "keep-00003")).isNull();
                });
        for (String kept : List.of("keep-00001", "keep-00004", "keep-00005", "keep-00006")) {
            assertThat(cluster.get("revisions", kept)).as(kept + " kept").isNotNull();
        }
        assertThat(cluster.instances("keep-00002")).as("instances of a collected revision").isNull();
        assertThat(logFiles("keep-00002")).as("log files of a collected revision").isEmpty();
        assertThat(ingress.get("first-keep.default.localhost", "/").body()).isEqualTo("Hello V1!\n");
        assertThat(ingress.get("keep.default.localhost", "/").body()).isEqualTo("Hello V6!\n");
    }

    private static List<Path> logFiles(String revision) throws Exception {
        Path logs = stateDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(logs)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains(revision)).toList();
        }
    }
}
