package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad and slow clients against a running activator, over raw sockets. */
class ActivatorLimitsTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private static final RevisionKey ECHO = revision("echo-00001");
    private static final String ECHO_HOST = "echo.default.localhost";
    /** The echo instance answers this long after the request body ended: longer than the header timeout. */
    private static final long ECHO_DELAY_MILLIS = 1500;
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(600);
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofMillis(1200);
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(2)
                .withClientTimeouts(HEADER_TIMEOUT, KEEP_ALIVE_TIMEOUT).withRequestLimits(4096, 1024));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(30));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
        fixture.readyInstance(HELLO, "hello-a");
        fixture.instances.declare(ECHO, 0, Duration.ofSeconds(30));
        fixture.route(ECHO_HOST, new WeightedRevision(ECHO, 100));
        UpstreamServer echo = fixture.keep(UpstreamServer.start(fixture.vertx, "echo-a", request -> request.body()
                .onSuccess(body -> fixture.vertx.setTimer(ECHO_DELAY_MILLIS,
                        id -> request.response().end("received " + body.length() + " bytes")))));
        fixture.instances.addReady(ECHO, echo.endpoint());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    record Case(String name, String request, String statusLine, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badRequests() {
        return Stream.of(
                new Case("request line too long", "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n",
                        " 414 ", "request line longer than 1024 bytes"),
                new Case("header block too large", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: " + "b".repeat(8000)
                        + "\r\n\r\n", " 431 ", "request header block larger than 4096 bytes"),
                new Case("malformed content length", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: ten\r\n\r\n",
                        " 400 ", "malformed HTTP request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsGetTheirStatusAndReasonAndTheConnectionIsClosed(Case c) throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(c.request().getBytes(StandardCharsets.ISO_8859_1));

            String answer = readUntilClosed(socket, Duration.ofSeconds(20));

            assertThat(answer).startsWith("HTTP/1.").contains(c.statusLine())
                    .contains("connection: close").contains(c.reason());
        }
        assertThat(fixture.get(HOST, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientTricklingTheHeadersOfItsNextRequestIsDisconnected() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\nGET / HTTP/1.1\r\nHost: " + HOST
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(100);
            long started = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) {
                closed = trickleOneByte(socket);
            }
            assertThat(closed).as("connection closed by the activator").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10))
                    .isGreaterThanOrEqualTo(KEEP_ALIVE_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void aClientTricklingTheHeadersOfItsFirstRequestIsDisconnected() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(500); // one header byte every 500 ms
            long started = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) {
                closed = trickleOneByte(socket);
            }
            assertThat(closed).as("connection closed by the activator").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10))
                    .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void aSlowUploadAndASlowAnswerOnAFreshConnectionAreNotCut() throws Exception {
        int bodyBytes = 8;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: " + ECHO_HOST + "\r\nContent-Length: "
                    + bodyBytes + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(250); // one body byte every 250 ms: 2 s, over three header timeouts
            for (int i = 0; i < bodyBytes; i++) {
                assertThat(trickleOneByte(socket)).as("connection closed after %d body bytes", i).isFalse();
            }

            String answer = readUntilClosed(socket, Duration.ofSeconds(20));

            assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("received " + bodyBytes + " bytes");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedButAnActiveOneIsNot() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            String answer = readUntilClosed(socket, Duration.ofSeconds(20));

            assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("hello-a");
        }
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", fixture.activator.port());
    }

    /** Writes one more header byte; true once the server has closed the connection. */
    private static boolean trickleOneByte(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write('X');
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String readUntilClosed(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the answer counts as closed
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
