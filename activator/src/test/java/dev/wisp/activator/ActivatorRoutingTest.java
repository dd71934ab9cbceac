package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing and proxying through a running activator, with real upstream servers. */
class ActivatorRoutingTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void unknownHostGets404NamingTheHost() throws Exception {
        HttpResponse<String> response = fixture.get("x.default.localhost:8080", "/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no service for host \"x.default.localhost\"\n");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void routedGetReachesTheInstanceWithHostAndForwardedHeaders() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        UpstreamServer upstream = fixture.readyInstance(HELLO, "hello-a");

        HttpResponse<String> response = fixture.http.send(fixture.request("Hello.Default.localhost:8080", "/greet?x=1")
                .header("X-Forwarded-For", "10.0.0.1")
                .header("Keep-Alive", "timeout=5")
                .header("TE", "trailers")
                .header("X-Custom", "kept")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello-a");
        MultiMap seen = upstream.seenHeaders.get(0);
        assertThat(seen.get("Host")).isEqualTo("Hello.Default.localhost:8080");
        assertThat(seen.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.get("X-Forwarded-Host")).isEqualTo("Hello.Default.localhost:8080");
        assertThat(seen.get("X-Custom")).isEqualTo("kept");
        assertThat(seen.contains("Keep-Alive")).isFalse();
        assertThat(seen.contains("TE")).isFalse();
    }

    private record Http2Answer(io.vertx.core.http.HttpVersion version, int status, String body) {
    }

    @Test
    void http2ClientsAreRoutedByTheirAuthority() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        UpstreamServer upstream = fixture.readyInstance(HELLO, "hello-a");
        // h2c with prior knowledge: there is no Host header, the service is named by :authority.
        io.vertx.core.http.HttpClient http2 = fixture.vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            for (int i = 0; i < 3; i++) {
                Http2Answer answer = http2.request(new io.vertx.core.http.RequestOptions()
                                .setHost("127.0.0.1").setPort(fixture.activator.port()).setURI("/"))
                        .compose(request -> request.authority(io.vertx.core.net.HostAndPort.create("hello.default.localhost", 8080)).send())
                        // read the body in the same chain: registered later, it could already be gone
                        .compose(response -> response.body().map(body ->
                                new Http2Answer(response.version(), response.statusCode(), body.toString())))
                        .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.version()).isEqualTo(io.vertx.core.http.HttpVersion.HTTP_2);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("hello-a");
            }
        } finally {
            http2.close();
        }
        assertThat(upstream.seenHeaders).hasSize(3).allSatisfy(seen -> {
            assertThat(seen.get("Host")).isEqualTo("hello.default.localhost:8080");
            assertThat(seen.names()).noneMatch(name -> name.startsWith(":"));
        });
    }

    @Test
    void pathQueryStatusAndResponseHeadersArePassedThrough() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "echo-uri",
                request -> request.response().setStatusCode(201).putHeader("X-Upstream", "yes")
                        .putHeader("Proxy-Authenticate", "Basic").end(request.method() + " " + request.uri())))
                .endpoint());

        HttpResponse<String> response = fixture.get("hello.default.localhost", "/a/b?c=d&e=f");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("GET /a/b?c=d&e=f");
        assertThat(response.headers().firstValue("x-upstream")).hasValue("yes");
        assertThat(response.headers().firstValue("proxy-authenticate")).isEmpty();
    }

    @Test
    void tenMebibytePostIsEchoedIntact() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "echo", request -> {
            request.response().setChunked(true);
            request.pipeTo(request.response());
        })).endpoint());
        byte[] body = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(body);

        HttpResponse<byte[]> response = fixture.http.send(fixture.request("hello.default.localhost", "/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(body.length);
        assertThat(sha256(response.body())).isEqualTo(sha256(body));
    }

    @Test
    void trafficIsSplitByPercent() throws Exception {
        RevisionKey canary = revision("hello-00002");
        fixture.instances.declare(canary, 0, Duration.ofSeconds(30));
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 80), new WeightedRevision(canary, 20));
        fixture.readyInstance(HELLO, "stable");
        fixture.readyInstance(canary, "canary");

        Map<String, Integer> servedBy = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            servedBy.merge(fixture.get("hello.default.localhost", "/").body(), 1, Integer::sum);
        }

        assertThat(servedBy.keySet()).containsExactlyInAnyOrder("stable", "canary");
        assertThat(servedBy.get("stable")).isBetween(720, 880);
        assertThat(servedBy.get("canary")).isBetween(120, 280);
    }

    @Test
    void instanceRefusingConnectionsIsSkippedForAnother() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.instances.addReady(HELLO, new Endpoint("dead", "127.0.0.1", closedPort()));
        fixture.readyInstance(HELLO, "alive");

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = fixture.get("hello.default.localhost", "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("alive");
        }
    }

    @Test
    void upstreamFailingMidResponseResetsTheClient() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "dies", request -> {
            request.response().setChunked(true).write("partial");
            request.connection().close();
        })).endpoint());

        assertThatThrownBy(() -> fixture.get("hello.default.localhost", "/")).isInstanceOf(IOException.class);
    }

    @Test
    void upstreamFailingBeforeRespondingGets502() throws Exception {
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "hangs-up",
                request -> request.connection().close())).endpoint());

        HttpResponse<String> response = fixture.get("hello.default.localhost", "/");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).startsWith("revision default/hello-00001 failed while answering");
    }

    @Test
    void revisionNotRunHereGets503() throws Exception {
        fixture.route("gone.default.localhost", new WeightedRevision(revision("gone-00001"), 100));

        HttpResponse<String> response = fixture.get("gone.default.localhost", "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("revision default/gone-00001 is not available\n");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
