package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.activator.kubernetes.HttpMetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.autoscaler.Autoscaler;
import dev.wisp.autoscaler.RevisionScaling;
import dev.wisp.autoscaler.remote.MetricsEndpoint;
import dev.wisp.autoscaler.remote.RemoteMetricsInput;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two activators' {@link HttpMetricsSink}s report over real HTTP to the real endpoint in front of a real autoscaler. */
class RemoteMetricsOverHttpTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");

    private final Vertx vertx = Vertx.vertx();
    private final Map<RevisionKey, Integer> desired = new ConcurrentHashMap<>();
    private final Autoscaler autoscaler = new Autoscaler(new ScaleTarget() {
        @Override
        public void setDesiredScale(RevisionKey revision, int scale) {
            desired.put(revision, scale);
        }

        @Override
        public int readyInstances(RevisionKey revision) {
            return 0; // no idle zeros recorded by ticks: the window holds exactly what the activators sent
        }
    }, Clock.systemUTC(), Duration.ofSeconds(2));
    private final RemoteMetricsInput input = new RemoteMetricsInput(autoscaler, Clock.systemUTC());
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        input.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theAutoscalerSeesTheSumOfTwoActivatorsAndTheirPokes() throws Exception {
        autoscaler.track(HELLO, new ScalingPolicy(0, 0, 0, 10, 0, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        URI url = startEndpoint(0);
        HttpMetricsSink a = sink(url, "activator-a");
        HttpMetricsSink b = sink(url, "activator-b");

        a.poke(HELLO);
        await().atMost(GENEROUS).until(() -> desired.getOrDefault(HELLO, 0) == 1);

        RevisionKey other = new RevisionKey("default", "other-00001");
        autoscaler.track(other, new ScalingPolicy(0, 0, 1, 10, 0, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        Instant second = Instant.now();
        a.report(new RevisionMetric(other, second, 2.0, 4));
        b.report(new RevisionMetric(other, second, 3.0, 6));
        await().atMost(GENEROUS).untilAsserted(() -> {
            autoscaler.tick();
            RevisionScaling scaling = autoscaler.scaling(other).orElseThrow();
            assertThat(scaling.stable()).isEqualTo(5.0);
            assertThat(scaling.panicValue()).isEqualTo(5.0);
        });
        a.close();
        b.close();
    }

    @Test
    void batchesWaitWhileTheAutoscalerIsAwayAndTheOldestAreDropped() throws Exception {
        URI url = startEndpoint(0);
        int port = url.getPort();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpMetricsSink sink = new HttpMetricsSink(vertx, url, "activator-a", Clock.systemUTC(), Duration.ofMillis(50), 3);
        sink.start();

        await().atMost(GENEROUS).until(() -> sink.dropped() >= 3);
        assertThat(sink.pending()).isLessThanOrEqualTo(3);

        startEndpoint(port);
        await().atMost(GENEROUS).until(() -> sink.pending() <= 1);
        sink.close();
    }

    @Test
    void aBadReportIsAnswered400NamingTheField() throws Exception {
        URI url = startEndpoint(0);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(MetricsEndpoint.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activator\": \"a\", \"through\": \"2025-01-01T00:00:00Z\","
                        + " \"metrics\": [{\"namespace\": \"default\", \"revision\": \"r\", \"at\": \"2025-01-01T00:00:00Z\","
                        + " \"averageConcurrency\": \"lots\", \"requests\": 1}]}"))
                .timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("metrics[0].averageConcurrency: must be a number >= 0");
    }

    private HttpMetricsSink sink(URI url, String id) {
        HttpMetricsSink sink = new HttpMetricsSink(vertx, url, id, Clock.systemUTC(), Duration.ofMillis(200), 30);
        sink.start();
        return sink;
    }

    private URI startEndpoint(int port) throws Exception {
        Router router = Router.router(vertx);
        new MetricsEndpoint(input).mount(router);
        input.start(vertx);
        server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

}
