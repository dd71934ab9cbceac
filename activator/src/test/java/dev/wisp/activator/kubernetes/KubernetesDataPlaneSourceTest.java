package dev.wisp.activator.kubernetes;

import static dev.wisp.activator.kubernetes.KnativeObjects.NAMESPACE;
import static dev.wisp.activator.kubernetes.KnativeObjects.revision;
import static dev.wisp.activator.kubernetes.KnativeObjects.route;
import static dev.wisp.activator.kubernetes.KnativeObjects.slice;
import static dev.wisp.activator.kubernetes.KnativeObjects.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.activator.Activator;
import dev.wisp.activator.ActivatorSettings;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import dev.wisp.api.serving.v1.Route;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source against the fabric8 mock API server in CRUD mode, and a real request through a real activator. */
@EnableKubernetesMockClient(crud = true)
class KubernetesDataPlaneSourceTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final RevisionKey FIRST = new RevisionKey(NAMESPACE, "hello-00001");
    private static final RevisionKey SECOND = new RevisionKey(NAMESPACE, "hello-00002");

    KubernetesClient client;
    private final ConcurrentRoutingTable table = new ConcurrentRoutingTable();
    private final KubernetesInstanceDirectory directory = new KubernetesInstanceDirectory();
    private KubernetesDataPlaneSource source;

    @BeforeEach
    void start() throws Exception {
        source = new KubernetesDataPlaneSource(client, "example.com", table, directory);
        source.start().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        source.close();
    }

    @Test
    void routeRevisionAndSliceMakeTheHostResolveToReadyInstances() {
        client.resource(revision("hello-00001", 10, 60)).create();
        client.resource(slice("hello-00001", 8080, List.of("pod-a", "pod-b"), List.of(true, true))).create();
        client.resource(route("hello", target("hello-00001", 100, "current"))).create();

        await().atMost(GENEROUS).untilAsserted(() -> {
            assertThat(table.lookup("hello.default.example.com").map(HostRoute::targets))
                    .contains(List.of(new WeightedRevision(FIRST, 100)));
            assertThat(table.lookup("current-hello.default.example.com")).isPresent();
            assertThat(directory.endpoints(FIRST).ready()).containsExactly(
                    new Endpoint("pod-a", "127.0.0.1", 8080), new Endpoint("pod-b", "127.0.0.2", 8080));
        });
        assertThat(directory.endpoints(FIRST).known()).isTrue();
        assertThat(directory.endpoints(FIRST).containerConcurrency()).isEqualTo(10);
        assertThat(directory.endpoints(FIRST).timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theTableFollowsATrafficChangeAndADeletedRoute() {
        client.resource(route("hello", target("hello-00001", 100, null))).create();
        await().atMost(GENEROUS).until(() -> table.lookup("hello.default.example.com").isPresent());

        client.resource(route("hello", target("hello-00001", 20, null), target("hello-00002", 80, "next"))).update();

        await().atMost(GENEROUS).untilAsserted(() -> {
            assertThat(table.lookup("hello.default.example.com").map(HostRoute::targets))
                    .contains(List.of(new WeightedRevision(FIRST, 20), new WeightedRevision(SECOND, 80)));
            assertThat(table.lookup("next-hello.default.example.com").map(HostRoute::targets))
                    .contains(List.of(new WeightedRevision(SECOND, 100)));
        });

        client.resources(Route.class).inNamespace(NAMESPACE).withName("hello").delete();
        await().atMost(GENEROUS).untilAsserted(() -> {
            assertThat(table.lookup("hello.default.example.com")).isEmpty();
            assertThat(table.lookup("next-hello.default.example.com")).isEmpty();
        });
    }

    @Test
    void anEndpointThatTurnsNotReadyOrLeavesLeavesTheRotation() {
        List<RevisionKey> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        directory.subscribe(changes::add);
        client.resource(revision("hello-00001", 0, 300)).create();
        client.resource(slice("hello-00001", 8080, List.of("pod-a", "pod-b"), List.of(true, true))).create();
        await().atMost(GENEROUS).until(() -> directory.endpoints(FIRST).ready().size() == 2);

        client.resource(slice("hello-00001", 8080, List.of("pod-a", "pod-b"), List.of(true, false))).update();
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(directory.endpoints(FIRST).ready())
                .extracting(Endpoint::instanceId).containsExactly("pod-a"));

        client.resource(slice("hello-00001", 8080, List.of("pod-a"), List.of(true))).delete();
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(directory.endpoints(FIRST).ready()).isEmpty());
        assertThat(directory.endpoints(FIRST).known()).as("the revision still exists").isTrue();
        assertThat(changes).contains(FIRST);

        client.resource(revision("hello-00001", 0, 300)).delete();
        await().atMost(GENEROUS).until(() -> !directory.endpoints(FIRST).known());
    }

    @Test
    void aRequestThroughARealActivatorReachesTheBackendNamedInTheSlice() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer backend = vertx.createHttpServer().requestHandler(r -> r.response().end("hello from the pod"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Activator activator = new Activator(vertx, ActivatorSettings.defaults().withPort(0).withEventLoops(1), table, directory,
                    new IgnoredMetrics(), Clock.systemUTC());
            int port = activator.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            client.resource(revision("hello-00001", 0, 30)).create();
            client.resource(slice("hello-00001", backend.actualPort(), List.of("pod-a"), List.of(true))).create();
            client.resource(route("hello", target("hello-00001", 100, null))).create();

            await().atMost(GENEROUS).untilAsserted(() ->
                    assertThat(get(port, "hello.default.example.com")).startsWith("HTTP/1.1 200").endsWith("hello from the pod"));
            activator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A plain HTTP/1.1 GET with the given Host, read to the end (the connection is closed by the request). */
    private static String get(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The activator needs a sink; this test looks at routing only. */
    private static final class IgnoredMetrics implements MetricsSink {
        @Override
        public void poke(RevisionKey revision) {
        }

        @Override
        public void report(RevisionMetric metric) {
        }
    }
}
