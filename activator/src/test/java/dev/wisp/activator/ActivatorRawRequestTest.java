package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static dev.wisp.activator.ScriptedInstance.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests read as bytes (ordinary ones, bodiless or framed by Content-Length) and by Netty's decoder
 * (the rest: chunked, Expect, upgrades, malformed) on one client
 * connection: answered in order, forwarded as an instance should see them, and never mistaken for
 * one another or for the bytes of an upgraded connection. The instance answers each request with the
 * head and body it received.
 */
class ActivatorRawRequestTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;
    private ScriptedInstance instance;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.serveOnly(HOST, HELLO, 0);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void ordinaryAndOtherRequestsPipelinedInOneWriteAreAnsweredInOrder() throws Exception {
        echoing();

        try (RawHttp client = connect()) {
            client.send(get("/1") + "POST /2 HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 3\r\n\r\nabc"
                    + get("/3") + "GET /4 HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\nde\r\n0\r\n\r\n" + get("/5"));

            assertThat(client.read().bodyText()).startsWith("GET /1 HTTP/1.1\r\n").endsWith("\r\n\r\n|");
            assertThat(client.read().bodyText()).startsWith("POST /2 HTTP/1.1\r\n").endsWith("|abc");
            assertThat(client.read().bodyText()).startsWith("GET /3 HTTP/1.1\r\n");
            assertThat(client.read().bodyText()).startsWith("GET /4 HTTP/1.1\r\n").endsWith("|2\r\nde\r\n0\r\n\r\n");
            assertThat(client.read().bodyText()).startsWith("GET /5 HTTP/1.1\r\n");
        }
    }

    @Test
    void aHeadArrivingInPiecesIsReadWholeAndTheNextWholeOneAsBytesAgain() throws Exception {
        echoing();

        try (RawHttp client = connect()) {
            String first = get("/pieces");
            for (int i = 0; i < first.length(); i += 7) {
                client.send(first.substring(i, Math.min(first.length(), i + 7)));
            }
            String answer = client.read().bodyText();
            client.send(get("/whole"));
            String next = client.read().bodyText();

            assertThat(answer).startsWith("GET /pieces HTTP/1.1\r\nHost: " + HOST + "\r\n");
            assertThat(next).startsWith("GET /whole HTTP/1.1\r\nHost: " + HOST + "\r\n");
        }
    }

    @Test
    void aBodyArrivingAfterItsHeadIsABodyEvenWhenItLooksLikeARequest() throws Exception {
        echoing();
        String lookalike = get("/smuggled");

        try (RawHttp client = connect()) {
            // Expect: the body goes only after "100 Continue": it reaches the activator in a read of its own.
            client.send("POST /upload HTTP/1.1\r\nHost: " + HOST + "\r\nExpect: 100-continue\r\nContent-Length: "
                    + lookalike.length() + "\r\n\r\n");
            assertThat(client.read(true).status()).isEqualTo(100);
            client.send(lookalike);
            RawHttp.Response answer = client.read();
            client.send(get("/after"));
            RawHttp.Response after = client.read();

            assertThat(answer.bodyText()).startsWith("POST /upload HTTP/1.1\r\n").endsWith("|" + lookalike);
            assertThat(after.bodyText()).startsWith("GET /after HTTP/1.1\r\n");
        }
    }

    @Test
    void aContentLengthBodyInPiecesReachesTheInstanceWholeAndTheRequestAfterItIsRead() throws Exception {
        echoing();
        String body = "{\"specversion\":\"1.0\",\"data\":\"" + "x".repeat(20_000) + "\"}";
        String lookalike = get("/inside-a-body");

        try (RawHttp client = connect()) {
            client.send("POST /events HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 100));
            client.send(body.substring(100, 12_000));
            client.send(body.substring(12_000) + "POST /second HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: "
                    + lookalike.length() + "\r\n\r\n");
            client.send(lookalike + get("/third"));
            String first = client.read().bodyText();
            String second = client.read().bodyText();
            String third = client.read().bodyText();

            assertThat(first).startsWith("POST /events HTTP/1.1\r\n").endsWith("|" + body);
            assertThat(second).startsWith("POST /second HTTP/1.1\r\n").endsWith("|" + lookalike);
            assertThat(third).startsWith("GET /third HTTP/1.1\r\n").endsWith("|");
        }
        assertThat(instance.requests.get()).as("requests the instance received").isEqualTo(3);
    }

    @Test
    void theInstanceGetsTheReceivedLinesWithoutHopByHopOnesAndThisHopsForwarding() throws Exception {
        echoing();

        try (RawHttp client = connect()) {
            client.send("GET /h?x=1 HTTP/1.1\r\nHost: " + HOST + "\r\nKeep-Alive: timeout=5\r\nX-Forwarded-For: "
                    + "192.0.2.1\r\nuser-agent:probe/1\r\nTE: trailers\r\ntraceparent: 00-0af7651916cd43dd8448eb211c80319c"
                    + "-b7ad6b7169203331-01\r\n\r\n");
            String received = client.read().bodyText();

            assertThat(received).isEqualTo("GET /h?x=1 HTTP/1.1\r\nHost: " + HOST + "\r\nuser-agent:probe/1\r\n"
                    + "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\n"
                    + "X-Forwarded-For: 192.0.2.1, 127.0.0.1\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: " + HOST
                    + "\r\nForwarded: for=127.0.0.1;host=" + HOST + ";proto=http\r\n\r\n|");
        }
    }

    @Test
    void connectionCloseOnAnOrdinaryRequestClosesTheConnectionAfterItsAnswer() throws Exception {
        echoing();

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", fixture.activator.port()), RawHttp.TIMEOUT_MILLIS);
            socket.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET /bye HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n"
                    + get("/never")).getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.1 200").contains("GET /bye HTTP/1.1").doesNotContain("/never");
            assertThat(all.toLowerCase(Locale.ROOT)).contains("connection: close");
        }
    }

    @Test
    void afterAnUpgradeOnTheSameConnectionRequestLikeBytesAreTunneledAsTheyAre() throws Exception {
        instance = ScriptedInstance.start(fixture.vertx, (socket, request) -> {
            if (request.head().toLowerCase(Locale.ROOT).contains("upgrade: echo")) {
                socket.handler(socket::write); // from now on an echo of whatever comes
                socket.write(bytes("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"));
            } else {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            }
        });
        fixture.instances.addReady(HELLO, instance.endpoint());

        try (RawHttp client = connect()) {
            client.send(get("/plain"));
            assertThat(client.read().bodyText()).isEqualTo("ok");
            client.send("GET /tunnel HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
            assertThat(client.read(true).status()).isEqualTo(101);
            String tunneled = get("/inside-the-tunnel");
            client.send(tunneled);

            assertThat(new String(client.readBytes(tunneled.length()), StandardCharsets.ISO_8859_1)).isEqualTo(tunneled);
        }
    }

    @Test
    void aMalformedRequestAfterAnOrdinaryOneIsRefused() throws Exception {
        echoing();

        try (RawHttp client = connect()) {
            client.send(get("/fine"));
            assertThat(client.read().status()).isEqualTo(200);
            client.send("GET /bad HTTP/1.1\r\nHost : " + HOST + "\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(400);
        }
    }

    /** The instance answers each request with its head, '|', and its body as received. */
    private void echoing() throws Exception {
        instance = ScriptedInstance.start(fixture.vertx, (socket, request) -> {
            String body = request.head() + "|" + request.body();
            socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        });
        fixture.instances.addReady(HELLO, instance.endpoint());
    }

    private RawHttp connect() throws Exception {
        return new RawHttp(fixture.activator.port());
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
    }
}
