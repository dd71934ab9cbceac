package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 proxy semantics a user relies on, checked over raw loopback sockets so no client
 * library hides what the activator really sends: pipelining, HEAD, chunked and 100-continue
 * uploads, connection close rules, close-delimited instances, hop-by-hop and forwarding
 * headers, and large response header blocks.
 */
class ActivatorHttpSemanticsTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost:8080";
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.serveOnly("hello.default.localhost", HELLO, 0);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        instance(request -> request.response().end("path=" + request.path()));

        try (RawHttp client = connect()) {
            client.send(get("/first") + get("/second"));

            RawHttp.Response first = client.read();
            RawHttp.Response second = client.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bodyText()).isEqualTo("path=/first");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.bodyText()).isEqualTo("path=/second");
        }
    }

    @Test
    void headGetsTheInstanceHeadersWithoutBodyAndKeepsTheConnectionUsable() throws Exception {
        // Vert.x drops its own Content-Length on HEAD, so the instance states it as a real server would.
        instance(request -> {
            request.response().putHeader("Content-Length", "10").putHeader("X-Kind", "greeting");
            request.response().end(request.method() == HttpMethod.HEAD ? Buffer.buffer() : Buffer.buffer("hello-body"));
        });

        try (RawHttp client = connect()) {
            client.send("HEAD /greet HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            RawHttp.Response head = client.read(true);
            // If HEAD leaked a body, its bytes would now be read as the GET's status line.
            client.send(get("/greet"));
            RawHttp.Response get = client.read();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("10");
            assertThat(head.header("x-kind")).isEqualTo("greeting");
            assertThat(head.header("transfer-encoding")).isNull();
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.bodyText()).isEqualTo("hello-body");
        }
    }

    @Test
    void chunkedUploadReachesTheInstanceIntact() throws Exception {
        instance(echoBody());

        try (RawHttp client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.send("5\r\nhello\r\n");
            client.send("1\r\n \r\n");
            client.send("a;ext=1\r\nchunked-wo\r\n");
            client.send("3\r\nrld\r\n0\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("hello chunked-world");
        }
    }

    @Test
    void expectContinueGets100BeforeTheBodyIsSent() throws Exception {
        instance(echoBody());

        try (RawHttp client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 14\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            RawHttp.Response interim = client.read();
            client.send("sent-after-100");
            RawHttp.Response response = client.read();

            assertThat(interim.version()).isEqualTo("HTTP/1.1");
            assertThat(interim.status()).isEqualTo(100);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("sent-after-100");
        }
    }

    @Test
    void connectionCloseFromTheClientClosesAfterTheResponse() throws Exception {
        instance(request -> request.response().end("bye"));

        try (RawHttp client = connect()) {
            client.send("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("bye");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClientGetsTheWholeStreamedBodyAndThenTheConnectionCloses() throws Exception {
        // The instance streams (chunked, no Content-Length), which an HTTP/1.0 client cannot decode.
        instance(request -> {
            request.response().setChunked(true).write("streamed ");
            request.response().end("to an old client");
        });

        try (RawHttp client = connect()) {
            client.send("GET / HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.bodyText()).isEqualTo("streamed to an old client");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void closeDelimitedInstanceResponsesArriveWholeOnAKeptConnection() throws Exception {
        String body = "close-delimited ".repeat(4096); // 64 KiB, more than one read
        fixture.instances.addReady(HELLO, closeDelimitedInstance(body).endpoint());

        try (RawHttp client = connect()) {
            for (int i = 0; i < 2; i++) {
                client.send(get("/" + i));
                RawHttp.Response response = client.read();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).hasSize(body.length()).isEqualTo(body);
            }
        }
    }

    @Test
    void aKeptConnectionTheInstanceClosesAsItIsReusedIsReplacedWithoutAnError() throws Exception {
        ScriptedInstance instance = instanceClosingOnTheSecondRequest();
        fixture.instances.addReady(HELLO, instance.endpoint());

        try (RawHttp client = connect()) {
            for (int i = 0; i < 3; i++) {
                client.send(get("/" + i));
                RawHttp.Response response = client.read();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("ok");
            }
        }
        // The first connection served one request and was closed on the second; each later one likewise.
        assertThat(instance.connections.get()).isEqualTo(3);
    }

    @Test
    void hopByHopHeadersStopAtTheActivatorAndForwardingAndTraceHeadersPass() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String upstreamTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
        UpstreamServer upstream = instance(request -> request.response()
                .putHeader("Connection", "X-Internal").putHeader("X-Internal", "1")
                .putHeader("Keep-Alive", "timeout=7").putHeader("X-Kept", "yes")
                .putHeader("traceparent", upstreamTraceparent).putHeader("tracestate", "up=1,vendor=b")
                .end("ok"));

        try (RawHttp client = connect()) {
            client.send("GET /h HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: X-Secret\r\nX-Secret: 1\r\n"
                    + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: x\r\n"
                    + "traceparent: " + traceparent + "\r\ntracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("ok");
            assertThat(response.has("x-internal")).isFalse();
            assertThat(String.valueOf(response.header("connection")).toLowerCase()).doesNotContain("x-internal");
            assertThat(response.has("keep-alive")).isFalse();
            assertThat(response.header("x-kept")).isEqualTo("yes");
            assertThat(response.header("traceparent")).isEqualTo(upstreamTraceparent);
            assertThat(response.header("tracestate")).isEqualTo("up=1,vendor=b");
        }
        MultiMap seen = upstream.seenHeaders.get(0);
        assertThat(seen.contains("X-Secret")).isFalse();
        assertThat(seen.contains("Keep-Alive")).isFalse();
        assertThat(seen.contains("TE")).isFalse();
        assertThat(seen.contains("Proxy-Authorization")).isFalse();
        assertThat(seen.getAll("Connection")).noneMatch(value -> value.toLowerCase().contains("x-secret"));
        assertThat(seen.get("Host")).isEqualTo(HOST);
        assertThat(seen.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.get("X-Forwarded-Host")).isEqualTo(HOST);
        assertThat(seen.get("Forwarded")).isEqualTo("for=127.0.0.1;host=\"" + HOST + "\";proto=http");
        assertThat(seen.get("traceparent")).isEqualTo(traceparent);
        assertThat(seen.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    }

    @Test
    void chunkedResponseWithTrailersDeliversItsWholeBodyAndTheTrailer() throws Exception {
        instance(request -> {
            request.response().setChunked(true).putTrailer("X-Checksum", "c0ffee");
            request.response().write("part one, ");
            request.response().end("part two");
        });

        try (RawHttp client = connect()) {
            client.send("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nTE: trailers\r\n\r\n");
            RawHttp.Response response = client.read();
            // The connection is still in step after the trailer section.
            client.send(get("/again"));
            RawHttp.Response again = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("part one, part two");
            assertThat(response.trailer("X-Checksum")).isEqualTo("c0ffee");
            assertThat(again.bodyText()).isEqualTo("part one, part two");
        }
    }

    @Test
    void largeResponseHeaderBlockIsPassedThroughIntact() throws Exception {
        String value = "v".repeat(200);
        instance(request -> {
            IntStream.range(0, 40).forEach(i -> request.response().putHeader("X-Big-" + i, i + value));
            request.response().end("big headers");
        });

        try (RawHttp client = connect()) {
            client.send(get("/"));
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("big headers");
            IntStream.range(0, 40).forEach(i -> assertThat(response.header("X-Big-" + i)).isEqualTo(i + value));
        }
    }


    private RawHttp connect() throws Exception {
        return new RawHttp(fixture.activator.port());
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
    }

    private UpstreamServer instance(Handler<HttpServerRequest> handler) throws Exception {
        UpstreamServer upstream = fixture.keep(UpstreamServer.start(fixture.vertx, "hello-a", handler));
        fixture.instances.addReady(HELLO, upstream.endpoint());
        return upstream;
    }

    /** An instance echoing the request body with a Content-Length response. */
    private static Handler<HttpServerRequest> echoBody() {
        return request -> request.body().onSuccess(body -> request.response().end(body));
    }

    /**
     * An instance that answers the first request of each connection with keep-alive and closes the
     * connection, unanswered, when a second request arrives on it (a keep-alive timeout racing a reuse).
     */
    private ScriptedInstance instanceClosingOnTheSecondRequest() throws Exception {
        return ScriptedInstance.start(fixture.vertx, (socket, request) -> {
            if (request.index() == 0) {
                socket.write(ScriptedInstance.bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            } else {
                socket.close();
            }
        });
    }

    /** An instance that answers without Content-Length or chunking and ends the body by closing. */
    private ScriptedInstance closeDelimitedInstance(String body) throws Exception {
        return ScriptedInstance.start(fixture.vertx, (socket, request) -> socket
                .write(ScriptedInstance.bytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body))
                .onComplete(written -> socket.close()));
    }
}
