package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import io.vertx.core.http.impl.headers.Http2HeadersAdaptor;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardedHeadersTest {

    @Test
    void hopByHopHeadersAreDroppedAndEndToEndKept() {
        MultiMap incoming = headers("Host", "hello.default.localhost:8080", "Connection", "keep-alive, X-Secret",
                "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic x", "Proxy-Connection", "close", "TE", "trailers",
                "Trailer", "Expires", "Transfer-Encoding", "chunked", "Upgrade", "h2c", "X-Secret", "hop",
                "Accept", "text/plain", "Cookie", "a=1");

        MultiMap out = ForwardedHeaders.forRequest(incoming, "127.0.0.1", "http");

        assertThat(out.names()).containsExactlyInAnyOrder("Host", "Accept", "Cookie", "X-Forwarded-For",
                "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded");
        assertThat(out.get("host")).isEqualTo("hello.default.localhost:8080");
    }

    @Test
    void forwardedHeadersAreAddedForADirectClient() {
        MultiMap out = ForwardedHeaders.forRequest(headers("Host", "hello.default.localhost"), "10.1.2.3", "http");

        assertThat(out.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("hello.default.localhost");
    }

    @Test
    void forwardedForIsAppendedAndEarlierProxiesHeadersKept() {
        MultiMap incoming = headers("Host", "hello.default.localhost", "X-Forwarded-For", "1.1.1.1, 2.2.2.2",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "hello.example.com");

        MultiMap out = ForwardedHeaders.forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 10.1.2.3");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("hello.example.com");
    }

    @Test
    void forwardedElementIsAddedQuotingHostWithPortAndIpv6() {
        MultiMap out = ForwardedHeaders.forRequest(headers("Host", "hello.default.localhost:8080"), "::1", "http");

        assertThat(out.get("Forwarded")).isEqualTo("for=\"[::1]\";host=\"hello.default.localhost:8080\";proto=http");
    }

    @Test
    void forwardedIsAppendedToAnEarlierProxysElement() {
        MultiMap incoming = headers("Host", "hello.example.com", "Forwarded", "for=192.0.2.60;proto=https");

        MultiMap out = ForwardedHeaders.forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.getAll("Forwarded")).containsExactly(
                "for=192.0.2.60;proto=https, for=10.1.2.3;host=hello.example.com;proto=http");
    }

    @Test
    void traceContextIsPassedOnUnchanged() {
        MultiMap incoming = headers("Host", "h", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "congo=t61rcWkgMzE");

        MultiMap out = ForwardedHeaders.forRequest(incoming, "10.1.2.3", "http");

        assertThat(out.get("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(out.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void expectIsAnsweredByTheActivatorNotForwarded() {
        MultiMap out = ForwardedHeaders.forRequest(headers("Host", "h", "Expect", "100-continue"), "1.2.3.4", "http");

        assertThat(out.contains("Expect")).isFalse();
    }

    @Test
    void responseHeadersKeepRepeatsAndDropHopByHop() {
        MultiMap target = MultiMap.caseInsensitiveMultiMap();

        ForwardedHeaders.copyResponse(headers("Set-Cookie", "a=1", "Set-Cookie", "b=2", "Transfer-Encoding", "chunked",
                "Connection", "close", "Proxy-Authenticate", "Basic", "Content-Type", "text/html"), target);

        assertThat(target.getAll("Set-Cookie")).isEqualTo(List.of("a=1", "b=2"));
        assertThat(target.names()).containsExactlyInAnyOrder("Set-Cookie", "Content-Type");
    }

    /** The header maps a proxied message can arrive in: Vert.x's own (HTTP/1 server), a client response's, HTTP/2's. */
    record Kind(String name, Supplier<MultiMap> create) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(new Kind("vert.x headers", MultiMap::caseInsensitiveMultiMap),
                new Kind("netty headers behind an adaptor", () -> new HeadersAdaptor(new DefaultHttpHeaders())),
                new Kind("http/2 headers", () -> new Http2HeadersAdaptor(new DefaultHttp2Headers())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void headersNamedByConnectionAreDroppedFromEveryKindOfMap(Kind kind) {
        MultiMap source = kind.create().get();
        source.add("connection", "keep-alive, X-Hop");
        source.add("Connection", "Close");
        source.add("x-hop", "1");
        source.add("X-Kept", "2");
        source.add("Set-Cookie", "a=1");
        source.add("Set-Cookie", "b=2");
        source.add("Keep-Alive", "timeout=5");
        MultiMap target = MultiMap.caseInsensitiveMultiMap();

        ForwardedHeaders.copyResponse(source, target);

        assertThat(target.names()).containsExactlyInAnyOrder("X-Kept", "Set-Cookie");
        assertThat(target.getAll("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(target.get("x-kept")).isEqualTo("2");
    }

    private static MultiMap headers(String... namesAndValues) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
