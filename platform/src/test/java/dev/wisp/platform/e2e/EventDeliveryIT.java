package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wisp up} with its embedded Kafka: an applied Broker and Trigger deliver events; undeliverable ones are parked and replayed. */
class EventDeliveryIT {
    private static final Pattern BROKERS_LINE = Pattern.compile("wisp eventing: brokers=http://127.0.0.1:(\\d+)/");

    @TempDir
    Path stateDir;

    @Test
    void eventsPostedToTheBrokerReachTheSubscriberAndParkedOnesAreReplayedByTheCli() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("ce-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        subscriber.start();
        try (WispProcess wisp = WispProcess.start(stateDir, "--eventing", "--broker-port", "0")) {
            await("eventing starts").atMost(Duration.ofSeconds(90)).until(() -> BROKERS_LINE.matcher(wisp.output()).find());
            Matcher m = BROKERS_LINE.matcher(wisp.output());
            assertThat(m.find()).isTrue();
            String brokerUrl = "http://127.0.0.1:" + m.group(1) + "/default/events";
            String yaml = """
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata:
                      name: events
                    ---
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: audit
                    spec:
                      broker: events
                      filter:
                        attributes:
                          type: com.example.audit
                      subscriber:
                        uri: http://127.0.0.1:%d/
                    """.formatted(subscriber.getAddress().getPort());
            assertThat(wisp.cliWithInput(yaml, "apply", "-f", "-").exitCode()).isZero();
            ApiHttp api = new ApiHttp(wisp.api());
            await("trigger ready").atMost(Duration.ofSeconds(60)).until(() ->
                    api.get("/apis/eventing.knative.dev/v1/namespaces/default/triggers/audit").body()
                            .matches("(?s).*\"type\"\\s*:\\s*\"Ready\"\\s*,\\s*\"status\"\\s*:\\s*\"True\".*"));

            assertThat(post(brokerUrl, "a-1", "com.example.audit")).isEqualTo(202);
            assertThat(post(brokerUrl, "other-1", "com.example.other")).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("a-1"));

            status.set(400); // not retried, no dead-letter sink: parked
            assertThat(post(brokerUrl, "a-2", "com.example.audit")).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> wisp.cli("events", "parked", "audit").stdout().contains("a-2"));
            status.set(200);
            var replay = wisp.cli("events", "replay", "audit");
            assertThat(replay.exitCode()).as(replay.toString()).isZero();
            assertThat(replay.stdout()).contains("replayed 1 event(s)").contains("delivered=1");
            assertThat(received).containsExactly("a-1", "a-2", "a-2");
            assertThat(wisp.cli("events", "parked", "audit").stdout()).doesNotContain("a-2");
        } finally {
            subscriber.stop(0);
        }
    }

    private static int post(String url, String id, String type) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-type", type).header("ce-source", "/it")
                .header("content-type", "application/json").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
