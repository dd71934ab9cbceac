package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wisp up --eventing}: a Trigger whose subscriber is a Service ref delivers through the
 * activator, so an event wakes the Service from zero; the Trigger's meters show on {@code /q/metrics}.
 */
class EventWakesServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELIVERED_METRIC = Pattern.compile(
            "(?m)^wisp_trigger_events_delivered_total\\{[^}]*namespace=\"default\"[^}]*trigger=\"wake\"[^}]*} ([0-9.E]+)$");

    @TempDir
    Path stateDir;

    @Test
    void anEventForAServiceAtZeroWakesItAndIsDelivered() throws Exception {
        try (WispProcess wisp = WispProcess.start(stateDir, "--eventing")) {
            String brokers = EventingWisp.awaitBrokerIngress(wisp);
            assertThat(wisp.cliWithInput(Manifests.hello("echo", "Events"), "apply", "-f", "-").exitCode()).isZero();
            WispProcess.CliResult applied = wisp.cliWithInput("""
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata:
                      name: default
                    ---
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: wake
                    spec:
                      broker: default
                      subscriber:
                        ref:
                          apiVersion: serving.knative.dev/v1
                          kind: Service
                          name: echo
                    """, "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            EventingWisp.awaitTriggerReady(wisp, "wake");
            await("echo Ready").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ServingEndToEndIT.condition(
                    api(wisp, "/apis/serving.knative.dev/v1/namespaces/default/services/echo"), "Ready")).isEqualTo("True"));
            awaitReplicas(wisp, "echo-00001", 0);

            assertThat(EventingWisp.post(brokers + "/default/default", "wake-1", "com.example.wake", "{\"n\":1}")).isEqualTo(202);

            await("the event wakes the revision").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> runningInstances(wisp, "echo-00001") == 1);
            await("the event delivered").atMost(Duration.ofSeconds(60)).until(() -> EventingWisp.delivered(wisp, "wake") == 1);
            JsonNode counts = EventingWisp.trigger(wisp, "wake").path("status").path("deliveryCounts");
            assertThat(counts.path("received").asLong()).isEqualTo(1);
            assertThat(counts.path("retried").asLong()).as("the activator held the event until the instance was ready").isZero();
            assertThat(counts.path("parked").asLong()).isZero();
            assertThat(counts.path("deadLettered").asLong()).isZero();

            String metrics = EventingWisp.metrics(wisp);
            Matcher delivered = DELIVERED_METRIC.matcher(metrics);
            assertThat(delivered.find()).as("per-Trigger delivered counter on /q/metrics").isTrue();
            assertThat(Double.parseDouble(delivered.group(1))).isEqualTo(1.0);
            assertThat(metrics).contains("wisp_trigger_delivery_latency_seconds_count{namespace=\"default\",trigger=\"wake\"} 1.0")
                    .contains("wisp_trigger_consumer_lag{namespace=\"default\",trigger=\"wake\"}");
        }
    }

    private static void awaitReplicas(WispProcess wisp, String revision, int replicas) {
        await(revision + " at " + replicas).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode status = revision(wisp, revision).path("status");
            assertThat(status.path("actualReplicas").asInt(-1)).as(status.toString()).isEqualTo(replicas);
            assertThat(runningInstances(wisp, revision)).isEqualTo(replicas);
        });
    }

    private static JsonNode revision(WispProcess wisp, String name) throws Exception {
        return api(wisp, "/apis/serving.knative.dev/v1/namespaces/default/revisions/" + name);
    }

    private static int runningInstances(WispProcess wisp, String revision) throws Exception {
        int alive = 0;
        for (JsonNode instance : api(wisp, "/apis/serving.knative.dev/v1/namespaces/default/revisions/" + revision + "/instances").path("items")) {
            if (ProcessHandle.of(instance.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false)) {
                alive++;
            }
        }
        return alive;
    }

    private static JsonNode api(WispProcess wisp, String path) throws Exception {
        HttpResponse<String> r = new ApiHttp(wisp.api()).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
