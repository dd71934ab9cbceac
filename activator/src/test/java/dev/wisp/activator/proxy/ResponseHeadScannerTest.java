package dev.wisp.activator.proxy;

import static dev.wisp.activator.proxy.ResponseHeadScanner.Result.INCOMPLETE;
import static dev.wisp.activator.proxy.ResponseHeadScanner.Result.ORDINARY;
import static dev.wisp.activator.proxy.ResponseHeadScanner.Result.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.activator.proxy.ResponseHeadScanner.Result;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseHeadScannerTest {

    private static final int MAX = 8192;
    private static final String PREFIX = "junk-before-the-reader-index";

    /** {@code input} is fed whole (head, maybe body bytes); for ORDINARY the head is up to the first CRLFCRLF. */
    record Case(String name, String input, boolean headRequest, String connection, Result expected,
                int status, long contentLength, boolean keepAlive, String expectedOut) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case ordinary(String name, String input, String connection, int status, long length,
                                 boolean keepAlive, String out) {
        return new Case(name, input, false, connection, ORDINARY, status, length, keepAlive, out);
    }

    private static Case other(String name, String input) {
        return new Case(name, input, false, null, OTHER, 0, 0, false, "");
    }

    static Stream<Case> cases() {
        return Stream.of(
                ordinary("nginx-like 200 with content-length",
                        "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                                + "Connection: keep-alive\r\n\r\nhello", null, 200, 5, true,
                        "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"),
                ordinary("HTTP/1.0 without keep-alive closes", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi",
                        null, 200, 2, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"),
                ordinary("HTTP/1.0 with keep-alive stays open",
                        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\nKeep-Alive: timeout=5\r\n\r\n",
                        null, 200, 2, true, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"),
                new Case("HEAD response keeps its content-length line but has no body",
                        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", true, null, ORDINARY, 200, 0, true,
                        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"),
                ordinary("204 without content-length", "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n", null, 204, 0,
                        true, "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n"),
                ordinary("304 without content-length", "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n", null, 304,
                        0, true, "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n"),
                other("200 without content-length is close-delimited", "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nbody"),
                other("transfer-encoding chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                other("transfer-encoding with content-length",
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\ntransfer-encoding: identity\r\n\r\n"),
                other("two equal content-lengths", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"),
                other("two different content-lengths",
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 4\r\n\r\n"),
                other("content-length with a sign", "HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\n"),
                other("content-length with letters", "HTTP/1.1 200 OK\r\nContent-Length: 3a\r\n\r\n"),
                other("content-length list", "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\n"),
                other("empty content-length", "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n"),
                other("content-length of 19 digits", "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000000000\r\n\r\n"),
                ordinary("content-length of 18 digits with OWS",
                        "HTTP/1.1 200 OK\r\nContent-Length:\t 999999999999999999 \r\n\r\n", null, 200,
                        999_999_999_999_999_999L, true,
                        "HTTP/1.1 200 OK\r\nContent-Length:\t 999999999999999999 \r\n\r\n"),
                other("100 continue", "HTTP/1.1 100 Continue\r\n\r\n"),
                other("101 switching protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"),
                other("status 600", "HTTP/1.1 600 Odd\r\nContent-Length: 0\r\n\r\n"),
                other("status 099", "HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n"),
                other("four-digit status", "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"),
                other("HTTP/2.0", "HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
                other("HTTP/1.2", "HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n"),
                other("lower-case http", "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                other("CTL in the reason", "HTTP/1.1 200 O\u0001K\r\nContent-Length: 0\r\n\r\n"),
                other("obs-fold", "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n"),
                other("bare LF line ending", "HTTP/1.1 200 OK\r\nContent-Length: 0\n\r\n"),
                other("bare LF empty line", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n"),
                other("bare CR in a value", "HTTP/1.1 200 OK\r\nX-A: a\rX-B: b\r\nContent-Length: 0\r\n\r\n"),
                other("space before the colon", "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n"),
                other("no colon", "HTTP/1.1 200 OK\r\nContent-Length 0\r\nContent-Length: 0\r\n\r\n"),
                other("empty name", "HTTP/1.1 200 OK\r\n: x\r\nContent-Length: 0\r\n\r\n"),
                other("CTL in a value", "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 0\r\n\r\n"),
                other("DEL in a value", "HTTP/1.1 200 OK\r\nX-A: a\u007Fb\r\nContent-Length: 0\r\n\r\n"),
                other("connection names content-length",
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: Content-Length\r\n\r\n"),
                ordinary("empty reason", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", null, 200, 0, true,
                        "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"),
                ordinary("empty value and tab in value",
                        "HTTP/1.1 404 Not Found\r\nX-Empty:\r\nX-Tab: a\tb\r\nContent-Length: 0\r\n\r\n", null, 404, 0,
                        true, "HTTP/1.1 404 Not Found\r\nX-Empty:\r\nX-Tab: a\tb\r\nContent-Length: 0\r\n\r\n"),
                ordinary("connection close", "HTTP/1.1 500 Oops\r\nContent-Length: 1\r\nConnection: close\r\n\r\n",
                        null, 500, 1, false, "HTTP/1.1 500 Oops\r\nContent-Length: 1\r\n\r\n"),
                ordinary("close token among others, any case",
                        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nconnection: foo , CLOSE\r\nFoo: 1\r\n\r\n",
                        null, 200, 1, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"),
                ordinary("HTTP/1.0 close wins over keep-alive",
                        "HTTP/1.0 200 OK\r\nContent-Length: 1\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n",
                        null, 200, 1, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"),
                ordinary("connection names a header before and after it",
                        "HTTP/1.1 200 OK\r\nX-Secret: 1\r\nContent-Length: 0\r\nConnection: x-secret,, keep-alive\r\n"
                                + "x-SECRET: 2\r\nX-Secrets: 3\r\n\r\n", null, 200, 0, true,
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Secrets: 3\r\n\r\n"),
                ordinary("hop-by-hop lines dropped",
                        "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nA: 1\r\nUpgrade: h2c\r\nTrailer: X\r\n"
                                + "Proxy-Authenticate: Basic\r\nB: 2\r\nTE: trailers\r\nProxy-Connection: x\r\n"
                                + "Proxy-Authorization: y\r\nContent-Length: 0\r\n\r\n", null, 200, 0, true,
                        "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nContent-Length: 0\r\n\r\n"),
                ordinary("x-http2- headers dropped",
                        "HTTP/1.1 200 OK\r\nx-http2-stream-id: 3\r\nX-HTTP2-Scheme: https\r\nX-Http2: kept\r\n"
                                + "Content-Length: 0\r\n\r\n", null, 200, 0, true,
                        "HTTP/1.1 200 OK\r\nX-Http2: kept\r\nContent-Length: 0\r\n\r\n"),
                ordinary("connection argument close appended", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                        "close", 200, 0, true, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                ordinary("connection argument keep-alive appended after a HTTP/1.0 head",
                        "HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n", "keep-alive", 200, 0,
                        true, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"),
                ordinary("obs-text kept verbatim",
                        "HTTP/1.1 200 \u00e9t\u00e9\r\nX-Name: caf\u00e9 \u00ff\r\nContent-Length: 0\r\n\r\n", null, 200,
                        0, true, "HTTP/1.1 200 \u00e9t\u00e9\r\nX-Name: caf\u00e9 \u00ff\r\nContent-Length: 0\r\n\r\n"),
                ordinary("no headers at all on a 204", "HTTP/1.1 204\r\n\r\n", null, 204, 0, true,
                        "HTTP/1.1 204\r\n\r\n"),
                new Case("incomplete head", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r", false, null, INCOMPLETE, 0, 0,
                        false, ""),
                new Case("incomplete status line", "HTTP/1.1 20", false, null, INCOMPLETE, 0, 0, false, ""),
                new Case("nothing yet", "", false, null, INCOMPLETE, 0, 0, false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scansAResponseHead(Case c) {
        ByteBuf in = input(c.input());
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(bytes("kept"));
        ResponseHeadScanner scanner = new ResponseHeadScanner();
        int reader = in.readerIndex();
        int writer = in.writerIndex();
        try {
            Result result = scanner.scan(in, MAX, c.headRequest(), c.connection(), out);

            assertThat(result).isEqualTo(c.expected());
            assertThat(in.readerIndex()).isEqualTo(reader);
            assertThat(in.writerIndex()).isEqualTo(writer);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("kept" + c.expectedOut());
            if (result == ORDINARY) {
                assertThat(scanner.status()).isEqualTo(c.status());
                assertThat(scanner.contentLength()).isEqualTo(c.contentLength());
                assertThat(scanner.keepAlive()).isEqualTo(c.keepAlive());
                assertThat(scanner.headLength()).isEqualTo(c.input().indexOf("\r\n\r\n") + 4);
                assertSameAsNettyWithForwardedHeaders(c, scanner, out.toString(StandardCharsets.ISO_8859_1));
            }
        } finally {
            in.release();
            out.release();
        }
    }

    /** What the scanner wrote is what Netty's decoder and {@link ForwardedHeaders#rewriteResponse} make of the head. */
    private static void assertSameAsNettyWithForwardedHeaders(Case c, ResponseHeadScanner scanner, String written) {
        HttpResponse received = decode(c.input());
        HttpResponse sent = decode(written.substring("kept".length()));
        assertThat(HttpUtil.isKeepAlive(received)).isEqualTo(scanner.keepAlive());
        if (!c.headRequest() && received.status().code() != 204 && received.status().code() != 304) {
            assertThat(HttpUtil.getContentLength(received)).isEqualTo(scanner.contentLength());
        }
        ForwardedHeaders.rewriteResponse(received.headers());
        if (c.connection() != null) {
            received.headers().add("Connection", c.connection());
        }
        assertThat(sent.status()).isEqualTo(received.status());
        assertThat(lines(sent)).isEqualTo(lines(received));
    }

    private static List<String> lines(HttpResponse response) {
        return response.headers().entries().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static HttpResponse decode(String head) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes(head)));
            Object decoded = channel.readInbound();
            assertThat(decoded).isInstanceOf(HttpResponse.class);
            ReferenceCountUtil.release(decoded);
            return (HttpResponse) decoded;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aHeadOfExactlyMaxHeadSizeIsOrdinaryOneMoreByteIsOther() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        ResponseHeadScanner scanner = new ResponseHeadScanner();
        assertThat(scanOnce(scanner, head + "body", head.length(), null)).isEqualTo(ORDINARY);
        assertThat(scanner.headLength()).isEqualTo(head.length());
        assertThat(scanOnce(scanner, head, head.length() - 1, null)).isEqualTo(OTHER);
        assertThat(scanOnce(scanner, head.substring(0, 20), head.length(), null)).isEqualTo(INCOMPLETE);
        assertThat(scanOnce(scanner, head.substring(0, 20), 20, null)).isEqualTo(OTHER);
    }

    @Test
    void reusedScannerReportsTheSecondHead() {
        ResponseHeadScanner scanner = new ResponseHeadScanner();
        StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\nConnection: a, b, c, d, e, f, g, h, i, j\r\n");
        StringBuilder kept = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 100; i++) {
            many.append("X-").append(i).append(": v\r\nJ: x\r\n");
            kept.append("X-").append(i).append(": v\r\n");
        }
        ByteBuf first = input(many + "Content-Length: 7\r\n\r\nbody...");
        ByteBuf written = Unpooled.buffer();
        try {
            assertThat(scanner.scan(first, MAX, false, null, written)).isEqualTo(ORDINARY);
            assertThat(scanner.contentLength()).isEqualTo(7);
            assertThat(written.toString(StandardCharsets.ISO_8859_1)).isEqualTo(kept + "Content-Length: 7\r\n\r\n");
        } finally {
            first.release();
            written.release();
        }

        ByteBuf in = input("HTTP/1.0 404 Missing\r\nA: kept\r\nConnection: keep-alive\r\n\r\n");
        ByteBuf out = Unpooled.buffer();
        try {
            assertThat(scanner.scan(in, MAX, true, "close", out)).isEqualTo(ORDINARY);
            assertThat(scanner.status()).isEqualTo(404);
            assertThat(scanner.contentLength()).isZero();
            assertThat(scanner.keepAlive()).isTrue();
            assertThat(out.toString(StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 404 Missing\r\nA: kept\r\nConnection: close\r\n\r\n");
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void refusesAConnectionArgumentThatWouldInjectAHeader() {
        assertThatThrownBy(() -> scanOnce(new ResponseHeadScanner(), "HTTP/1.1 204\r\n\r\n", MAX, "close\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection");
    }

    private static Result scanOnce(ResponseHeadScanner scanner, String input, int maxHeadSize, String connection) {
        ByteBuf in = input(input);
        ByteBuf out = Unpooled.buffer();
        try {
            return scanner.scan(in, maxHeadSize, false, connection, out);
        } finally {
            in.release();
            out.release();
        }
    }

    /** The input after some bytes already read, so indexes are absolute, not from 0. */
    private static ByteBuf input(String input) {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(bytes(PREFIX));
        in.writeBytes(bytes(input));
        in.readerIndex(PREFIX.length());
        return in;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
