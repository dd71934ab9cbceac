package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHeadScannerTest {

    private static final int MAX_LINE = 4096;
    private static final int MAX_HEADERS = 8192;
    private static final String HOST = "hello.default.localhost";
    private static final String PREFIX = "junk-before-the-reader-index";
    /** What this hop adds for client 10.1.2.3 that addressed {@link #HOST} (none of it sent by the client). */
    private static final String FORWARDING = "X-Forwarded-For: 10.1.2.3\r\nX-Forwarded-Proto: http\r\n"
            + "X-Forwarded-Host: " + HOST + "\r\nForwarded: for=10.1.2.3;host=" + HOST + ";proto=http\r\n\r\n";

    /**
     * {@code input} is fed whole; {@code out} is what the instance gets (null: not ordinary); {@code sameAsNetty}:
     * the instance reads the same headers as from {@link RequestWriter} fed by Netty's decoder.
     */
    record Case(String name, String input, String out, String authority, boolean keepAlive, boolean sameAsNetty,
                long contentLength) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case ordinary(String name, String input, String out) {
        return new Case(name, input, out, HOST, true, true, 0);
    }

    private static Case other(String name, String input) {
        return new Case(name, input, null, null, false, false, 0);
    }

    static Stream<Case> cases() {
        return Stream.of(
                ordinary("wrk's GET", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORWARDING),
                ordinary("curl's GET with a query", "GET /a/b?q=1&r=%20 HTTP/1.1\r\nHost: " + HOST
                                + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n",
                        "GET /a/b?q=1&r=%20 HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n"
                                + FORWARDING),
                ordinary("HEAD", "HEAD /x HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n",
                        "HEAD /x HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORWARDING),
                new Case("Connection: close ends keep-alive and is not forwarded",
                        "GET / HTTP/1.1\r\nConnection: close\r\nHost: " + HOST + "\r\nAccept: */*\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\n" + FORWARDING, HOST, false, true, 0),
                ordinary("hop-by-hop lines are left out wherever they are",
                        "GET / HTTP/1.1\r\nKeep-Alive: timeout=5\r\nHost: " + HOST + "\r\nTE: trailers\r\n"
                                + "Connection: Keep-Alive\r\nAccept: */*\r\nProxy-Authorization: Basic eA==\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\n" + FORWARDING),
                ordinary("the client's first X-Forwarded-For and Forwarded lead this hop's",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Forwarded-For: 192.0.2.1\r\nForwarded: for=192.0.2.1"
                                + "\r\nX-Forwarded-For: 192.0.2.9\r\nAccept: */*\r\nForwarded: for=192.0.2.9\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\nX-Forwarded-For: 192.0.2.1, 10.1.2.3\r\n"
                                + "X-Forwarded-Proto: http\r\nX-Forwarded-Host: " + HOST + "\r\nForwarded: for=192.0.2.1, "
                                + "for=10.1.2.3;host=" + HOST + ";proto=http\r\n\r\n"),
                ordinary("the client's own X-Forwarded-Proto and -Host are kept, not added to",
                        "GET / HTTP/1.1\r\nX-Forwarded-Proto: https\r\nHost: " + HOST + "\r\nX-Forwarded-Host: a.example"
                                + "\r\n\r\n",
                        "GET / HTTP/1.1\r\nX-Forwarded-Proto: https\r\nHost: " + HOST + "\r\nX-Forwarded-Host: a.example"
                                + "\r\nX-Forwarded-For: 10.1.2.3\r\nForwarded: for=10.1.2.3;host=" + HOST
                                + ";proto=http\r\n\r\n"),
                ordinary("odd spelling and spacing pass as written",
                        "GET / HTTP/1.1\r\nhOsT:" + HOST + "  \r\nX-Custom:\t a  b \r\n\r\n",
                        "GET / HTTP/1.1\r\nhOsT:" + HOST + "  \r\nX-Custom:\t a  b \r\n" + FORWARDING),
                new Case("a Host with a port is the authority as sent",
                        "GET / HTTP/1.1\r\nHost: " + HOST + ":8080\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + ":8080\r\nX-Forwarded-For: 10.1.2.3\r\nX-Forwarded-Proto: "
                                + "http\r\nX-Forwarded-Host: " + HOST + ":8080\r\nForwarded: for=10.1.2.3;host=\"" + HOST
                                + ":8080\";proto=http\r\n\r\n", HOST + ":8080", true, true, 0),
                ordinary("a DELETE with Content-Length 0", "DELETE /item/7 HTTP/1.1\r\nHost: " + HOST
                                + "\r\nContent-Length: 0\r\n\r\n",
                        "DELETE /item/7 HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 0\r\n" + FORWARDING),
                ordinary("x-http2-* headers from a client are not forwarded",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nx-http2-scheme: https\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORWARDING),
                ordinary("a pipelined second request is not part of the first",
                        "GET /1 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\nGET /2 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n",
                        "GET /1 HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORWARDING),
                new Case("obs-text in a value passes byte for byte",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Name: caf\u00e9\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Name: caf\u00e9\r\n" + FORWARDING, HOST, true, false, 0),
                new Case("a POST framed by Content-Length (its body follows the head)",
                        "POST /events HTTP/1.1\r\nHost: " + HOST + "\r\nce-id: 1\r\nContent-Length: 5\r\n\r\nhello",
                        "POST /events HTTP/1.1\r\nHost: " + HOST + "\r\nce-id: 1\r\nContent-Length: 5\r\n" + FORWARDING,
                        HOST, true, true, 5),
                new Case("a large Content-Length", "PUT /blob HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 268435456\r\n\r\n", "PUT /blob HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 268435456\r\n" + FORWARDING, HOST, true, true, 268_435_456L),
                other("HTTP/1.0", "GET / HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n"),
                other("a Content-Length that is not a number", "POST / HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 5x\r\n\r\nhello"),
                other("a Content-Length with leading zeros", "POST / HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 005\r\n\r\nhello"),
                ordinary("obsolete WebSocket keys do not make a body (RFC 9112: no length, no body)",
                        "GET /ws HTTP/1.1\r\nHost: " + HOST + "\r\nSec-WebSocket-Key1: 1 2\r\nSec-WebSocket-Key2: 3\r\n\r\n",
                        "GET /ws HTTP/1.1\r\nHost: " + HOST + "\r\nSec-WebSocket-Key1: 1 2\r\nSec-WebSocket-Key2: 3\r\n"
                                + FORWARDING),
                other("a signed Content-Length", "POST / HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: +5\r\n\r\nhello"),
                other("a Content-Length of 19 digits", "POST / HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 1000000000000000000\r\n\r\n"),
                other("Content-Length and Transfer-Encoding", "POST / HTTP/1.1\r\nHost: " + HOST
                        + "\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                other("Content-Length twice", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 0\r\n"
                        + "Content-Length: 0\r\n\r\n"),
                other("chunked", "POST / HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                other("an upgrade", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
                other("h2c settings", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n"),
                other("Expect", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nExpect: 100-continue\r\n\r\n"),
                other("a Connection token naming a header", "GET / HTTP/1.1\r\nHost: " + HOST
                        + "\r\nConnection: x-secret\r\nX-Secret: 1\r\n\r\n"),
                other("no Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"),
                other("an empty Host", "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
                other("two Hosts", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nHost: other.example\r\n\r\n"),
                other("CONNECT", "CONNECT " + HOST + ":443 HTTP/1.1\r\nHost: " + HOST + ":443\r\n\r\n"),
                other("bare LF line ends", "GET / HTTP/1.1\nHost: " + HOST + "\n\n"),
                other("a bare LF inside the head", "GET / HTTP/1.1\r\nHost: " + HOST + "\nX: 1\r\n\r\n"),
                other("obs-fold", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Long: a\r\n b\r\n\r\n"),
                other("a space before the colon", "GET / HTTP/1.1\r\nHost : " + HOST + "\r\n\r\n"),
                other("a control byte in a value", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX: a\u0001b\r\n\r\n"),
                other("a control byte in the target", "GET /a\u0001b HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"),
                other("obs-text in the target", "GET /caf\u00e9 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"),
                other("two spaces in the request line", "GET  / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"),
                other("a lower-case version", "GET / http/1.1\r\nHost: " + HOST + "\r\n\r\n"),
                other("HTTP/2's preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                other("empty lines before the request", "\r\nGET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"),
                other("a head not complete yet", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\n"),
                other("a request line over the limit", "GET /" + "a".repeat(MAX_LINE) + " HTTP/1.1\r\nHost: " + HOST
                        + "\r\n\r\n"),
                other("headers over the limit", "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: " + "b".repeat(MAX_HEADERS)
                        + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scans(Case c) {
        ByteBuf in = Unpooled.buffer().writeBytes(bytes(PREFIX + c.input()));
        in.skipBytes(PREFIX.length());
        try {
            RawRequest request = new RequestHeadScanner(MAX_LINE, MAX_HEADERS).scan(in);

            assertThat(in.readerIndex()).as("reader index untouched").isEqualTo(PREFIX.length());
            if (c.out() == null) {
                assertThat(request).isNull();
                return;
            }
            assertThat(request).isNotNull();
            assertThat(request.headLength()).isEqualTo(c.input().indexOf("\r\n\r\n") + 4);
            assertThat(request.authority()).isEqualTo(c.authority());
            assertThat(request.keepAlive()).isEqualTo(c.keepAlive());
            assertThat(request.contentLength()).isEqualTo(c.contentLength());
            ByteBuf out = Unpooled.buffer();
            request.writeHead(hop(request.authority()), out);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(c.out());
            if (c.sameAsNetty()) {
                assertThat(headerList(decode(out))).isEqualTo(headerList(decode(netty(c.input(), request.authority()))));
            }
        } finally {
            in.release();
        }
    }

    @Test
    void methodTargetAndVersionAreThoseOfTheRequestLine() {
        RawRequest request = scan("PATCH /a?b=c HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");

        assertThat(request.method()).isSameAs(HttpMethod.PATCH);
        assertThat(request.uri()).isEqualTo("/a?b=c");
        assertThat(request.protocolVersion().text()).isEqualTo("HTTP/1.1");
        assertThat(scan("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").method()).isSameAs(HttpMethod.GET);
        assertThat(scan("PURGE / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").method().name()).isEqualTo("PURGE");
    }

    @Test
    void itsHeaderMapIsTheOneNettysDecoderBuilds() {
        String input = "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nAccept:  */*  \r\nX-Two: 1\r\nx-two: 2\r\n"
                + "Connection: keep-alive\r\n\r\n";

        assertThat(headerList(scan(input).headers())).isEqualTo(headerList(decode(bytesOf(input)).headers()));
    }

    @Test
    void aRequestChangedAfterItWasReadIsWrittenAsChanged() {
        RawRequest request = scan("GET /old HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\n\r\n");
        request.setUri("/new");
        request.headers().set("Accept", "text/plain");
        ByteBuf out = Unpooled.buffer();
        request.writeHead(hop(HOST), out);

        HttpRequest sent = decode(out);
        assertThat(sent.uri()).isEqualTo("/new");
        assertThat(sent.headers().get("accept")).isEqualTo("text/plain");
        assertThat(sent.headers().get("x-forwarded-for")).isEqualTo("10.1.2.3");
    }

    @Test
    void aRepeatedHostIsTheSameStringAgain() {
        RequestHeadScanner scanner = new RequestHeadScanner(MAX_LINE, MAX_HEADERS);
        String first = scanner.scan(bytesOf("GET /1 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")).authority();
        String second = scanner.scan(bytesOf("GET /2 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")).authority();
        String other = scanner.scan(bytesOf("GET /3 HTTP/1.1\r\nHost: hellp.default.localhost\r\n\r\n")).authority();

        assertThat(second).isSameAs(first);
        assertThat(other).isEqualTo("hellp.default.localhost");
    }

    @Test
    void aHeadLongerThanTheFirstWindowIsScannedWhole() {
        String input = "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nCookie: " + "c".repeat(3000) + "\r\n\r\n";

        RawRequest request = scan(input);

        assertThat(request.headLength()).isEqualTo(input.length());
    }

    private static RequestWriter.Hop hop(String authority) {
        return new RequestWriter.Hop(authority, "10.1.2.3", "http",
                ForwardedHeaders.forwardedElement("10.1.2.3", authority, "http"));
    }

    private static RawRequest scan(String input) {
        return new RequestHeadScanner(MAX_LINE, MAX_HEADERS).scan(bytesOf(input));
    }

    /** What RequestWriter writes for {@code input} as Netty's decoder reads it. */
    private static ByteBuf netty(String input, String authority) {
        HttpRequest decoded = decode(bytesOf(input));
        ByteBuf out = Unpooled.buffer();
        RequestWriter.writeHead(decoded, hop(authority), false, null, out);
        return out;
    }

    private static HttpRequest decode(ByteBuf bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder());
        try {
            channel.writeInbound(bytes);
            HttpRequest request = channel.readInbound();
            assertThat(request.decoderResult().isSuccess()).as("decodes").isTrue();
            return request;
        } finally {
            for (Object rest = channel.readInbound(); rest != null; rest = channel.readInbound()) {
                ReferenceCountUtil.release(rest);
            }
            channel.finishAndReleaseAll();
        }
    }

    private static List<String> headerList(HttpRequest request) {
        return headerList(request.headers());
    }

    /** Name (case-insensitive, so lower case) and value of each header, in order. */
    private static List<String> headerList(HttpHeaders headers) {
        return headers.entries().stream()
                .map((Map.Entry<String, String> e) -> e.getKey().toLowerCase(Locale.ROOT) + "=" + e.getValue()).toList();
    }

    private static ByteBuf bytesOf(String text) {
        return Unpooled.wrappedBuffer(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
