package dev.wisp.activator;

import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link Activator} on a free port with a real routing table, an in-memory instance
 * directory and metrics sink, the upstream servers a test started, and a JDK HTTP client.
 */
final class ActivatorFixture implements AutoCloseable {

    static {
        // The JDK client refuses to set Host otherwise; must happen before its first use.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static final Duration GENEROUS = Duration.ofSeconds(30);

    final Vertx vertx = Vertx.vertx();
    final ConcurrentRoutingTable routes = new ConcurrentRoutingTable();
    final InMemoryInstanceDirectory instances = new InMemoryInstanceDirectory();
    final RecordingMetricsSink metrics = new RecordingMetricsSink();
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Activator activator;
    private final List<UpstreamServer> upstreams = new ArrayList<>();

    ActivatorFixture(ActivatorSettings settings) throws Exception {
        this(settings, 0);
    }

    /** An activator on a given port (the benchmark's); tests use port 0. */
    ActivatorFixture(ActivatorSettings settings, int port) throws Exception {
        activator = new Activator(vertx, settings.withPort(port), routes, instances, metrics, Clock.systemUTC(), registry);
        activator.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    ActivatorFixture() throws Exception {
        // Two event loops even on a one-core machine, so every test crosses loops.
        this(ActivatorSettings.defaults().withEventLoops(2));
    }

    static RevisionKey revision(String name) {
        return new RevisionKey("default", name);
    }

    /** Declares {@code revision} (a 30 s timeout) with no instance yet, and routes all of {@code host} to it. */
    void serveOnly(String host, RevisionKey revision, int containerConcurrency) {
        instances.declare(revision, containerConcurrency, Duration.ofSeconds(30));
        route(host, new WeightedRevision(revision, 100));
    }

    /** Routes {@code host} to the given revisions with their percents. */
    void route(String host, WeightedRevision... targets) {
        routes.replace("default", host, List.of(new HostRoute(host, "default", host, Arrays.asList(targets))));
    }

    /** Starts an upstream that answers with its id and registers it as a ready instance of {@code revision}. */
    UpstreamServer readyInstance(RevisionKey revision, String id) throws Exception {
        UpstreamServer upstream = keep(UpstreamServer.answeringWithId(vertx, id));
        instances.addReady(revision, upstream.endpoint());
        return upstream;
    }

    UpstreamServer keep(UpstreamServer upstream) {
        upstreams.add(upstream);
        return upstream;
    }

    HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + activator.port() + path))
                .header("Host", host)
                .timeout(GENEROUS);
    }

    HttpResponse<String> get(String host, String path) throws Exception {
        return http.send(request(host, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String host, String path) {
        return http.sendAsync(request(host, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        activator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (UpstreamServer upstream : upstreams) {
            upstream.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
