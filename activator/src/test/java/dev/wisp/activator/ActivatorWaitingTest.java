package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.GENEROUS;
import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests held while a revision has no free instance: scale from zero, bounds, timeouts, concurrency. */
class ActivatorWaitingTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private void startActivator(ActivatorSettings settings, int containerConcurrency, Duration timeout)
            throws Exception {
        fixture = new ActivatorFixture(settings);
        fixture.instances.declare(HELLO, containerConcurrency, timeout);
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
    }

    @Test
    void requestsWaitForAnInstanceAndNoneIsLost() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofSeconds(60));

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 50)
                .mapToObj(i -> fixture.getAsync(HOST, "/" + i)).toList();
        // Every request that has to wait for a revision without instances pokes the autoscaler.
        await().atMost(GENEROUS).until(() -> fixture.metrics.pokes.size() >= 50);
        assertThat(fixture.metrics.pokes).containsOnly(HELLO);
        assertThat(responses).noneMatch(CompletableFuture::isDone);

        UpstreamServer instance = fixture.readyInstance(HELLO, "hello-a");

        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.join().statusCode()).isEqualTo(200);
            assertThat(response.join().body()).isEqualTo("hello-a");
        });
        assertThat(instance.served).hasValue(50);
    }

    @Test
    void fullQueueRejectsWith503AndKeepsTheQueued() throws Exception {
        startActivator(ActivatorSettings.defaults().withMaxQueuedPerRevision(3), 0, Duration.ofSeconds(60));
        List<CompletableFuture<HttpResponse<String>>> queued = IntStream.range(0, 3)
                .mapToObj(i -> fixture.getAsync(HOST, "/")).toList();
        await().atMost(GENEROUS).until(() -> fixture.metrics.pokes.size() >= 3);

        HttpResponse<String> rejected = fixture.get(HOST, "/");

        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.body())
                .isEqualTo("too many requests waiting for revision default/hello-00001 (3 queued)\n");
        fixture.readyInstance(HELLO, "hello-a");
        assertThat(queued).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
    }

    @Test
    void requestWaitingLongerThanTheTimeoutGets504() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofSeconds(1));

        HttpResponse<String> response = fixture.get(HOST, "/");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("revision default/hello-00001 did not respond within 1s\n");
    }

    @Test
    void instanceNotAnsweringWithinTheTimeoutGives504() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofMillis(800));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "silent", request -> {
        })).endpoint());

        HttpResponse<String> response = fixture.get(HOST, "/");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("revision default/hello-00001 did not respond within 800ms\n");
    }

    @Test
    void responseStartedButNotFinishedWithinTheTimeoutResetsTheConnection() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofMillis(800));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "slow",
                request -> request.response().setChunked(true).write("first part"))).endpoint());

        CompletableFuture<HttpResponse<String>> response = fixture.getAsync(HOST, "/");

        await().atMost(GENEROUS).until(response::isDone);
        assertThat(response).isCompletedExceptionally();
        assertThat(response.handle((r, e) -> e)).succeedsWithin(GENEROUS)
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(IOException.class));
    }

    @Test
    void containerConcurrencyOneSerializesRequests() throws Exception {
        startActivator(ActivatorSettings.defaults(), 1, Duration.ofSeconds(60));
        UpstreamServer instance = fixture.keep(UpstreamServer.start(fixture.vertx, "single", request ->
                fixture.vertx.setTimer(20, id -> request.response().end("done"))));
        fixture.instances.addReady(HELLO, instance.endpoint());

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 20)
                .mapToObj(i -> fixture.getAsync(HOST, "/")).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        assertThat(instance.served).hasValue(20);
        assertThat(instance.maxInFlight).hasValue(1);
    }

    @Test
    void revisionDeletedWhileRequestsWaitAnswers503() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> waiting = fixture.getAsync(HOST, "/");
        await().atMost(GENEROUS).until(() -> !fixture.metrics.pokes.isEmpty());

        fixture.instances.forget(HELLO);

        assertThat(waiting.join().statusCode()).isEqualTo(503);
        assertThat(waiting.join().body()).isEqualTo("revision default/hello-00001 is not available\n");
    }

    @Test
    void clientGoingAwayCancelsTheUpstreamRequest() throws Exception {
        startActivator(ActivatorSettings.defaults(), 0, Duration.ofSeconds(60));
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        UpstreamServer instance = fixture.keep(UpstreamServer.start(fixture.vertx, "never-answers",
                request -> request.connection().closeHandler(v -> upstreamSawClose.set(true))));
        fixture.instances.addReady(HELLO, instance.endpoint());

        try (Socket socket = new Socket("127.0.0.1", fixture.activator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(GENEROUS).until(() -> instance.seenHeaders.size() == 1);
        }

        await().atMost(GENEROUS).untilTrue(upstreamSawClose);
    }
}
