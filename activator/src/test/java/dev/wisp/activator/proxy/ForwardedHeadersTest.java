package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    @Test
    void hopByHopHeadersAreDroppedAndEndToEndKept() {
        HttpHeaders incoming = headers("Host", "hello.default.localhost:8080", "Connection", "keep-alive, X-Secret",
                "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic x", "Proxy-Connection", "close", "TE", "trailers",
                "Trailer", "Expires", "Transfer-Encoding", "chunked", "Upgrade", "h2c", "X-Secret", "hop",
                "Accept", "text/plain", "Cookie", "a=1");

        HttpHeaders out = forRequest(incoming, "127.0.0.1", "http");

        assertThat(out.names()).containsExactlyInAnyOrder("Host", "Accept", "Cookie", "X-Forwarded-For",
                "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded");
        assertThat(out.get("host")).isEqualTo("hello.default.localhost:8080");
    }

    @Test
    void forwardedHeadersAreAddedForADirectClient() {
        HttpHeaders out = forRequest(headers("Host", "hello.default.localhost"), "10.1.2.3", "http");

        assertThat(out.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("hello.default.localhost");
    }

    @Test
    void forwardedForIsAppendedAndEarlierProxiesHeadersKept() {
        HttpHeaders incoming = headers("Host", "hello.default.localhost", "X-Forwarded-For", "1.1.1.1, 2.2.2.2",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "hello.example.com");

        HttpHeaders out = forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 10.1.2.3");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("hello.example.com");
    }

    @Test
    void forwardedElementIsAddedQuotingHostWithPortAndIpv6() {
        HttpHeaders out = forRequest(headers("Host", "hello.default.localhost:8080"), "::1", "http");

        assertThat(out.get("Forwarded")).isEqualTo("for=\"[::1]\";host=\"hello.default.localhost:8080\";proto=http");
    }

    @Test
    void forwardedIsAppendedToAnEarlierProxysElement() {
        HttpHeaders incoming = headers("Host", "hello.example.com", "Forwarded", "for=192.0.2.60;proto=https");

        HttpHeaders out = forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.getAll("Forwarded")).containsExactly(
                "for=192.0.2.60;proto=https, for=10.1.2.3;host=hello.example.com;proto=http");
    }

    @Test
    void traceContextIsPassedOnUnchanged() {
        HttpHeaders incoming = headers("Host", "h", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "congo=t61rcWkgMzE");

        HttpHeaders out = forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.get("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(out.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void expectIsAnsweredByTheActivatorNotForwarded() {
        HttpHeaders out = forRequest(headers("Host", "h", "Expect", "100-continue"), "1.2.3.4", "http");

        assertThat(out.contains("Expect")).isFalse();
    }

    @Test
    void responseHeadersKeepRepeatsAndDropHopByHop() {
        HttpHeaders target = headers("Set-Cookie", "a=1", "Set-Cookie", "b=2", "Transfer-Encoding", "chunked",
                "Connection", "close", "Proxy-Authenticate", "Basic", "Content-Type", "text/html");

        ForwardedHeaders.rewriteResponse(target);

        assertThat(target.getAll("Set-Cookie")).isEqualTo(List.of("a=1", "b=2"));
        assertThat(target.names()).containsExactlyInAnyOrder("Set-Cookie", "Content-Type");
    }

    @Test
    void headersNamedByConnectionAreDroppedWhateverTheirCase() {
        HttpHeaders source = new DefaultHttpHeaders();
        source.add("connection", "keep-alive, X-Hop");
        source.add("Connection", "Close");
        source.add("x-hop", "1");
        source.add("X-Kept", "2");
        source.add("Set-Cookie", "a=1");
        source.add("Set-Cookie", "b=2");
        source.add("Keep-Alive", "timeout=5");

        ForwardedHeaders.rewriteResponse(source);

        assertThat(source.names()).containsExactlyInAnyOrder("X-Kept", "Set-Cookie");
        assertThat(source.getAll("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(source.get("x-kept")).isEqualTo("2");
    }

    @Test
    void headersNettyAddsWhenTurningHttp2IntoHttp1AreNotForwarded() {
        HttpHeaders out = forRequest(headers("Host", "h", "x-http2-scheme", "http", "x-http2-stream-id", "3",
                "Accept", "*/*"), "10.1.2.3", "http");

        assertThat(out.names()).containsExactlyInAnyOrder("Host", "Accept", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host", "Forwarded");
    }

    /** The headers sent upstream for a request with {@code incoming} headers, addressed to its Host, as the instance reads them. */
    private static HttpHeaders forRequest(HttpHeaders incoming, String clientAddress, String scheme) {
        String host = incoming.get("host");
        String authority = host == null ? "" : host;
        RequestWriter.Hop hop = new RequestWriter.Hop(authority, clientAddress, scheme,
                ForwardedHeaders.forwardedElement(clientAddress, authority, scheme));
        ByteBuf bytes = Unpooled.buffer();
        RequestWriter.writeHead(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", incoming), hop, false,
                null, bytes);
        EmbeddedChannel instance = new EmbeddedChannel(new HttpRequestDecoder());
        instance.writeInbound(bytes);
        HttpRequest received = instance.readInbound();
        assertThat(received.decoderResult().isSuccess()).as(received.decoderResult().toString()).isTrue();
        instance.finishAndReleaseAll();
        return received.headers();
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders map = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
