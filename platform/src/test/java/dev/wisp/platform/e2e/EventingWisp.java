package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for end-to-end tests of eventing on a running {@code wisp up --eventing}: broker URL, Triggers, posting events. */
final class EventingWisp {
    private static final Pattern BROKERS_LINE = Pattern.compile("wisp eventing: brokers=http://127.0.0.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EventingWisp() {
    }

    /** Waits until eventing (Kafka, broker ingress) has started and answers the ingress base URL. */
    static String awaitBrokerIngress(WispProcess wisp) {
        await("eventing starts").atMost(Duration.ofSeconds(120)).until(() -> BROKERS_LINE.matcher(wisp.output()).find());
        Matcher m = BROKERS_LINE.matcher(wisp.output());
        assertThat(m.find()).isTrue();
        return "http://127.0.0.1:" + m.group(1);
    }

    static JsonNode trigger(WispProcess wisp, String name) throws Exception {
        HttpResponse<String> r = new ApiHttp(wisp.api()).get("/apis/eventing.knative.dev/v1/namespaces/default/triggers/" + name);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void awaitTriggerReady(WispProcess wisp, String name) {
        await("trigger " + name + " ready").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ServingEndToEndIT.condition(trigger(wisp, name), "Ready")).isEqualTo("True"));
    }

    static long delivered(WispProcess wisp, String trigger) throws Exception {
        return trigger(wisp, trigger).path("status").path("deliveryCounts").path("delivered").asLong(0);
    }

    /** POSTs a binary-mode event with a JSON body; answers the status code. */
    static int post(String brokerUrl, String id, String type, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(brokerUrl)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-type", type).header("ce-source", "/it")
                .header("content-type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The Prometheus text of {@code /q/metrics}. */
    static String metrics(WispProcess wisp) throws Exception {
        HttpResponse<String> r = new ApiHttp(wisp.api()).get("/q/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
