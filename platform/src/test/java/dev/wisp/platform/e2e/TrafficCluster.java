package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/** What the traffic and rollout tests ask of a running Wisp: resources as JSON, CLI updates, waits. */
final class TrafficCluster {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WispProcess wisp;
    private final ApiHttp api;

    TrafficCluster(WispProcess wisp) {
        this.wisp = wisp;
        this.api = new ApiHttp(wisp.api());
    }

    JsonNode get(String plural, String name) throws Exception {
        var response = api.get("/apis/serving.knative.dev/v1/namespaces/default/" + plural + "/" + name);
        return response.statusCode() == 404 ? null : JSON.readTree(response.body());
    }

    JsonNode instances(String revision) throws Exception {
        var response = api.get("/apis/serving.knative.dev/v1/namespaces/default/revisions/" + revision + "/instances");
        return response.statusCode() == 404 ? null : JSON.readTree(response.body());
    }

    void apply(String manifest) throws Exception {
        WispProcess.CliResult applied = wisp.cliWithInput(manifest, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
    }

    /** Runs {@code wisp service update NAME ARGS} and expects it to succeed. */
    WispProcess.CliResult update(String service, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "service";
        all[1] = "update";
        all[2] = service;
        System.arraycopy(args, 0, all, 3, args.length);
        WispProcess.CliResult result = wisp.cli(all);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** Waits until the service is Ready with {@code revision} as its latest ready revision. */
    void awaitLatestReady(String service, String revision) {
        await(service + " ready on " + revision).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode status = get("services", service).path("status");
                    assertThat(status.path("latestReadyRevisionName").asText()).isEqualTo(revision);
                    assertThat(condition(status, "Ready")).isEqualTo("True");
                });
    }

    /** The percent of the route's traffic that {@code revision} has in the service's status (0 when absent). */
    long percentOf(String service, String revision) throws Exception {
        long percent = 0;
        for (JsonNode target : get("services", service).path("status").path("traffic")) {
            if (revision.equals(target.path("revisionName").asText())) {
                percent += target.path("percent").asLong();
            }
        }
        return percent;
    }

    void awaitScaledToZero(String revision) {
        await(revision + " at zero").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode status = get("revisions", revision).path("status");
                    assertThat(status.path("desiredReplicas").asInt(-1)).isZero();
                    assertThat(status.path("actualReplicas").asInt(-1)).isZero();
                });
    }

    static String condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "Missing";
    }

    static JsonNode conditionNode(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }
}
