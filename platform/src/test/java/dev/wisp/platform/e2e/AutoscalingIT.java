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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KPA end to end: a real {@code wisp up} (6 s stable window, 1 s grace, 500 ms tick), the hello
 * sample holding each request 200 ms with a target of 1 request in flight per instance; a step to 8
 * closed-loop clients must bring about 8 instances, and when they stop the revision must go to zero
 * no sooner than the stable window plus the grace period.
 */
class AutoscalingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;
    private static final int MAX_REQUESTS = 4_000;
    private static final String HOST = "auto.default.localhost";
    private static final String INSTANCES = "/apis/serving.knative.dev/v1/namespaces/default/revisions/auto-00001/instances";

    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static Ingress ingress;

    @BeforeAll
    static void startWisp() throws Exception {
        // Its own ingress port: with both ports 0, the ingress and the API were seen sharing one port.
        wisp = WispProcess.start(stateDir, WispProcess.freePort());
        ingress = new Ingress(wisp.ingressPort());
    }

    @AfterAll
    static void stopWisp() throws Exception {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void aStepToEightClientsGivesAboutEightInstancesAndStoppingGoesToZeroAfterWindowAndGrace() throws Exception {
        String manifest = Manifests.hello("auto", "Auto").replace("  template:\n    spec:",
                "  template:\n    metadata:\n      annotations:\n        autoscaling.knative.dev/target: \"1\"\n"
                        + "        autoscaling.knative.dev/target-utilization-percentage: \"100\"\n    spec:");
        assertThat(manifest).contains("autoscaling.knative.dev/target: \"1\"");
        WispProcess.CliResult applied = wisp.cliWithInput(manifest, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        await("auto Ready").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                ServingEndToEndIT.condition(api("/apis/serving.knative.dev/v1/namespaces/default/services/auto"), "Ready"))
                .isEqualTo("True"));

        Load load = new Load();
        try {
            load.start();
            await("about 8 instances ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        JsonNode instances = instances();
                        assertThat(instances.path("desired").asInt())
                                .as(() -> scaleLog() + "\nload: sent=" + load.sent + " failures=" + load.failureMessages)
                                .isBetween(7, 9);
                        assertThat(instances.path("ready").asInt()).isGreaterThanOrEqualTo(7);
                    });
            WispProcess.CliResult described = wisp.cli("describe", "service", "auto");
            assertThat(described.stdout()).as(described.toString()).containsPattern("Autoscaler: desired [789], actual \\d+, mode (panic|stable), concurrency stable \\d");
            assertThat(new ApiHttp(wisp.api()).get("/q/metrics").body())
                    .contains("autoscaler_desired_pods{namespace_name=\"default\",revision_name=\"auto-00001\"}");
        } finally {
            load.stop();
        }
        assertThat(load.failures.get()).as(() -> "failed requests: " + load.failureMessages).isZero();
        assertThat(load.maxDesired.get()).as("never far above 8").isLessThanOrEqualTo(9);

        long stoppedAt = System.nanoTime();
        await("scaled to zero").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> instances().path("desired").asInt(-1) == 0);
        Duration toZero = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(toZero).as("not before the stable window (6s) plus the grace period (1s), less a tick")
                .isGreaterThanOrEqualTo(Duration.ofMillis(6_500));
        System.out.printf("autoscaling: load stop -> zero in %d ms%n", toZero.toMillis());
    }

    /** The autoscaler's decisions in wisp's log, to explain a failure. */
    private static String scaleLog() {
        return String.join("\n", wisp.output().lines().filter(l -> l.contains("auto-00001")).toList());
    }

    private static JsonNode instances() throws Exception {
        return api(INSTANCES);
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = new ApiHttp(wisp.api()).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Eight closed-loop clients calling {@code GET /?ms=200}, bounded in requests; tracks the highest desired scale. */
    private static final class Load {
        final AtomicInteger failures = new AtomicInteger();
        final java.util.Queue<String> failureMessages = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicInteger maxDesired = new AtomicInteger();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        private final java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final List<Future<?>> clients = new ArrayList<>();

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(pool.submit(this::callInALoop));
            }
            sampler.scheduleWithFixedDelay(this::sampleDesired, 0, 200, TimeUnit.MILLISECONDS);
        }

        private Void callInALoop() throws Exception {
            while (running.get() && sent.incrementAndGet() <= MAX_REQUESTS) {
                try {
                    HttpResponse<String> r = ingress.get(HOST, "/?ms=200");
                    if (r.statusCode() != 200) {
                        fail("status " + r.statusCode() + ": " + r.body());
                    }
                } catch (java.io.IOException e) {
                    fail(e.toString());
                }
            }
            return null;
        }

        /** Samples the desired scale every 200 ms while the load runs. */
        private void sampleDesired() {
            try {
                maxDesired.accumulateAndGet(instances().path("desired").asInt(), Math::max);
            } catch (Exception e) {
                fail("sampling the desired scale: " + e);
            }
        }

        private void fail(String message) {
            failures.incrementAndGet();
            failureMessages.add(message);
        }

        void stop() throws Exception {
            running.set(false);
            // Not shutdownNow: interrupting a sample in flight counted its InterruptedException as a failure.
            sampler.shutdown();
            assertThat(sampler.awaitTermination(30, TimeUnit.SECONDS)).as("sampler stopped").isTrue();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("load stopped").isTrue();
            for (Future<?> client : clients) {
                client.get();
            }
        }
    }
}
