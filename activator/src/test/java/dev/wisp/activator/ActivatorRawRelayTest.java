package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static dev.wisp.activator.ScriptedInstance.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The activator's raw response relay seen from a client socket: instances that write exact bytes
 * (dripped heads, extra bytes past Content-Length, HTTP/1.0, 1xx, bodiless, large and truncated
 * bodies, odd header spelling) and what the client then receives, and whether the connections
 * on both sides stay in step.
 */
class ActivatorRawRelayTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost:8080";
    private ActivatorFixture fixture;
    private ScriptedInstance instance;

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
    void aHeadWrittenInSmallPiecesArrivesWholeAndTheConnectionGoesOn() throws Exception {
        scripted((socket, request) -> {
            String body = "hello " + request.path();
            instance.drip(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nX-Slow: drip-"
                    + request.index() + "\r\nContent-Type: text/plain\r\n\r\n" + body, 0);
        });

        try (RawHttp client = connect()) {
            for (int i = 0; i < 2; i++) {
                client.send(get("/abcd" + i));
                RawHttp.Response response = client.read();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.header("x-slow")).isEqualTo("drip-" + i);
                assertThat(response.header("content-type")).isEqualTo("text/plain");
                assertThat(response.bodyText()).isEqualTo("hello /abcd" + i);
            }
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(1);
    }

    @Test
    void aLongHeadTricklingInIsHandedToTheDecoderMidwayAndArrivesWhole() throws Exception {
        String large = "v".repeat(5000); // past the 4 KiB the head scanner waits for before handing over
        scripted((socket, request) -> instance.drip(socket, "HTTP/1.1 200 OK\r\nX-Large: " + large
                + "\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", 0));

        try (RawHttp client = connect()) {
            client.send(get("/large"));
            RawHttp.Response response = client.read();
            client.send(get("/again"));
            RawHttp.Response again = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("x-large")).isEqualTo(large);
            assertThat(response.header("connection")).isNull();
            assertThat(response.bodyText()).isEqualTo("ok");
            assertThat(again.bodyText()).isEqualTo("ok");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(1);
    }

    @Test
    void aReusedConnectionClosedAfterPartOfAnAnswerIsNotSentTheRequestAgain() throws Exception {
        AtomicInteger received = new AtomicInteger();
        scripted((socket, request) -> {
            received.incrementAndGet();
            if (request.connection() == 1 && request.index() == 1) {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Le")).onComplete(written -> socket.close());
            } else {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"));
            }
        });

        try (RawHttp client = connect()) {
            client.send(get("/first"));
            RawHttp.Response first = client.read();
            client.send(get("/charge-card"));
            RawHttp.Response second = client.read();

            assertThat(first.bodyText()).isEqualTo("done");
            // The instance saw the request and began answering: sending it again could run it twice.
            assertThat(second.status()).isEqualTo(502);
        }
        assertThat(received.get()).as("requests the instance received").isEqualTo(2);
    }

    @Test
    void aRequestTargetWithAControlCharacterIsRefused() throws Exception {
        scripted((socket, request) -> socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));

        try (RawHttp client = connect()) {
            client.send("GET /a\u0001b HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("request target");
        }
        assertThat(instance.connections.get()).as("connections to the instance").isZero();
    }

    @Test
    void bytesPastTheContentLengthAreNotRelayedAndTheConnectionIsNotReused() throws Exception {
        scripted((socket, request) -> socket.write(bytes(request.connection() == 1
                ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA"
                : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh")));

        try (RawHttp client = connect()) {
            client.send(get("/1"));
            RawHttp.Response first = client.read();
            client.send(get("/2"));
            RawHttp.Response second = client.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bodyText()).isEqualTo("hello");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.bodyText()).isEqualTo("fresh");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(2);
    }

    @Test
    void anHttp10InstanceThatClosesGivesAnHttp11ClientAKeptConnection() throws Exception {
        // It closes a while after answering, so a connection wrongly reused would be answered "conn1" again.
        scripted((socket, request) -> socket.write(bytes("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nconn"
                + request.connection())).onComplete(written -> fixture.vertx.setTimer(2000, t -> socket.close())));

        try (RawHttp client = connect()) {
            client.send(get("/1"));
            RawHttp.Response first = client.read();
            client.send(get("/2"));
            RawHttp.Response second = client.read();

            assertThat(first.version()).isEqualTo("HTTP/1.1");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bodyText()).isEqualTo("conn1");
            assertThat(String.valueOf(first.header("connection"))).doesNotContainIgnoringCase("close");
            assertThat(second.bodyText()).isEqualTo("conn2");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(2);
    }

    @Test
    void anInstancesOwn100ContinueIsNotPassedOnAndThe200Is() throws Exception {
        scripted((socket, request) -> {
            String fin = "HTTP/1.1 200 OK\r\nContent-Length: " + (4 + request.body().length()) + "\r\n\r\ngot=" + request.body();
            if (request.index() == 0) { // the 100 and the 200 in separate reads
                socket.write(bytes("HTTP/1.1 100 Continue\r\n\r\n"));
                fixture.vertx.setTimer(5, t -> socket.write(bytes(fin)));
            } else { // both in one read
                socket.write(bytes("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n" + fin));
            }
        });

        try (RawHttp client = connect()) {
            client.send("POST /up HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response interim = client.read();
            client.send("first");
            RawHttp.Response expected = client.read();
            // Head and body in one write: see aRequestAfterAPostWithABodyOnTheSameConnectionIsAnswered.
            client.send("POST /up HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 6\r\n\r\nsecond");
            RawHttp.Response plain = client.read();

            assertThat(interim.status()).as("the activator's own 100").isEqualTo(100);
            assertThat(expected.status()).as("after the activator's 100, the final answer").isEqualTo(200);
            assertThat(expected.bodyText()).isEqualTo("got=first");
            assertThat(plain.status()).as("the instance's 100 is not relayed").isEqualTo(200);
            assertThat(plain.has("x-interim")).isFalse();
            assertThat(plain.bodyText()).isEqualTo("got=second");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(1);
    }

    @Test
    void aRequestAfterAPostWithABodyOnTheSameConnectionIsAnswered() throws Exception {
        // The POST's head and body arrive in one read, so its body is complete before an instance is chosen.
        scripted((socket, request) -> socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: "
                + (4 + request.body().length()) + "\r\n\r\ngot=" + request.body())));

        try (RawHttp client = connect()) {
            client.send("POST /up HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 5\r\n\r\nfirst");
            RawHttp.Response first = client.read();
            client.send(get("/after"));
            RawHttp.Response second = client.read();

            assertThat(first.bodyText()).isEqualTo("got=first");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.bodyText()).isEqualTo("got=");
        }
    }

    @Test
    void http10ClientsGetKeepAliveOnlyWhenTheyAskForIt() throws Exception {
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.answeringWithId(fixture.vertx, "ok")).endpoint());
        String keepAlive = "GET / HTTP/1.0\r\nHost: " + HOST + "\r\nConnection: keep-alive\r\n\r\n";

        try (RawHttp client = connect()) {
            for (int i = 0; i < 2; i++) {
                client.send(keepAlive);
                RawHttp.Response response = client.read();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
                assertThat(response.header("content-length")).isEqualTo("2");
                assertThat(response.bodyText()).isEqualTo("ok");
            }
        }
        try (RawHttp client = connect()) {
            client.send("GET / HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n");
            RawHttp.Response response = client.read();

            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(response.bodyText()).isEqualTo("ok");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void chunkedWithContentLengthIsRefusedWith400AndTheConnectionClosed() throws Exception {
        UpstreamServer upstream = fixture.keep(UpstreamServer.start(fixture.vertx, "echo",
                request -> request.body().onSuccess(body -> request.response().end(body))));
        fixture.instances.addReady(HELLO, upstream.endpoint());

        try (RawHttp client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Length: 3\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            RawHttp.Response response = client.read();

            // A request-smuggling pattern (RFC 9112 6.1): refused, never forwarded with either framing.
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("Transfer-Encoding");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(upstream.served.get()).as("requests that reached the instance").isZero();
    }

    @Test
    void bodilessResponsesKeepBothConnectionsInStep() throws Exception {
        scripted((socket, request) -> socket.write(bytes(switch (request.path()) {
            case "/empty" -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
            case "/none" -> "HTTP/1.1 204 No Content\r\nX-Kind: none\r\n\r\n";
            case "/same" -> "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n";
            default -> "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
        })));

        try (RawHttp client = connect()) {
            client.send(get("/empty"));
            RawHttp.Response empty = client.read();
            client.send(get("/none"));
            RawHttp.Response none = client.read();
            client.send(get("/same"));
            RawHttp.Response same = client.read();
            client.send(get("/next"));
            RawHttp.Response next = client.read();

            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.header("content-length")).isEqualTo("0");
            assertThat(none.status()).isEqualTo(204);
            assertThat(none.header("x-kind")).isEqualTo("none");
            assertThat(none.has("transfer-encoding")).isFalse();
            assertThat(same.status()).isEqualTo(304);
            assertThat(same.header("etag")).isEqualTo("\"v1\"");
            assertThat(same.has("transfer-encoding")).isFalse();
            // Had any of them carried a body (or a chunk terminator), it would now be read as this status line.
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.bodyText()).isEqualTo("next");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(1);
    }

    @Test
    void an8MiBBodyWrittenIn64KiBPiecesArrivesExactly() throws Exception {
        byte[] body = new byte[8 << 20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 16));
        }
        scripted((socket, request) -> {
            if (request.path().equals("/big")) {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n"));
                ScriptedInstance.writePieces(socket, body, 0);
            } else {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nsmall"));
            }
        });

        try (RawHttp client = connect()) {
            client.send(get("/big"));
            RawHttp.Response big = client.read();
            client.send(get("/small"));
            RawHttp.Response small = client.read();

            assertThat(big.status()).isEqualTo(200);
            assertThat(big.body().length).isEqualTo(body.length);
            assertThat(crc(big.body())).as("checksum").isEqualTo(crc(body));
            assertThat(small.bodyText()).isEqualTo("small");
        }
        assertThat(instance.connections.get()).as("upstream connections").isEqualTo(1);
    }

    @Test
    void aBodyCutShortByTheInstanceClosesTheClientConnection() throws Exception {
        scripted((socket, request) -> {
            if (request.connection() == 1) {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"))
                        .onComplete(written -> socket.close());
            } else {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nnormal"));
            }
        });

        try (RawHttp client = connect()) {
            client.send(get("/cut"));
            // Reads up to 100 body bytes or EOF; a connection left open would time out here.
            RawHttp.Response cut = client.read();

            assertThat(cut.status()).isEqualTo(200);
            assertThat(cut.body().length).isLessThanOrEqualTo(10);
            assertThat("0123456789").startsWith(cut.bodyText());
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawHttp client = connect()) {
            client.send(get("/again"));
            RawHttp.Response again = client.read();

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.bodyText()).isEqualTo("normal");
        }
    }

    @Test
    void oddlySpelledHeaderLinesPassByteForByteAndHopByHopLinesDoNot() throws Exception {
        scripted((socket, request) -> socket.write(bytes("HTTP/1.1 200 Fine Thanks\r\ncontent-length:5\r\n"
                + "X-A:  spaced  \r\nX-Obs: caf\u00e9\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\n"
                + "Connection: x-drop\r\nX-Drop: secret\r\nx-KEPT:yes\r\n\r\nhello")));

        byte[] received = exchangeToEof("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n");
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("end of head in: %s", text).isPositive();
        String head = text.substring(0, end + 2);
        String lower = head.toLowerCase(Locale.ROOT);

        assertThat(head).startsWith("HTTP/1.1 200 Fine Thanks\r\n");
        assertThat(head).contains("\r\ncontent-length:5\r\n", "\r\nX-A:  spaced  \r\n", "\r\nX-Obs: caf\u00e9\r\n",
                "\r\nx-KEPT:yes\r\n");
        assertThat(lower).doesNotContain("keep-alive", "proxy-connection", "x-drop");
        assertThat(lower).contains("\r\nconnection: close\r\n");
        assertThat(text.substring(end + 4)).isEqualTo("hello");
    }

    private RawHttp connect() throws Exception {
        return new RawHttp(fixture.activator.port());
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Sends {@code request} on a new connection and reads everything until the activator closes it. */
    private byte[] exchangeToEof(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", fixture.activator.port()), RawHttp.TIMEOUT_MILLIS);
            socket.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }

    /** Starts a {@link ScriptedInstance} answering with {@code script} as the revision's one ready instance. */
    private void scripted(ScriptedInstance.Script script) throws Exception {
        instance = ScriptedInstance.start(fixture.vertx, script);
        fixture.instances.addReady(HELLO, instance.endpoint());
    }
}
