package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an instance reads of the bytes {@link RequestWriter} writes: decoded back with Netty's request decoder. */
class RequestWriterTest {

    private static final RequestWriter.Hop HOP = new RequestWriter.Hop("hello.default.localhost", "10.1.2.3", "http",
            ForwardedHeaders.forwardedElement("10.1.2.3", "hello.default.localhost", "http"));
    private final EmbeddedChannel instance = new EmbeddedChannel();

    @AfterEach
    void close() {
        instance.finishAndReleaseAll();
    }

    @Test
    void theRequestLineKeepsMethodAndTargetAndSpeaksHttp11() {
        HttpRequest received = decode(head(HttpVersion.HTTP_1_0, HttpMethod.PATCH, "/a/b?q=1&r=%20", headers()), false);

        assertThat(received.method()).isEqualTo(HttpMethod.PATCH);
        assertThat(received.uri()).isEqualTo("/a/b?q=1&r=%20");
        assertThat(received.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void hostIsTheAuthorityTheClientAddressedAndAppearsOnce() {
        HttpHeaders sent = decode(head(HttpVersion.HTTP_1_1, HttpMethod.GET, "/",
                headers("Host", "other.example", "host", "second.example")), false).headers();

        assertThat(sent.getAll("host")).containsExactly("hello.default.localhost");
    }

    @Test
    void aHeaderNamedByALaterConnectionHeaderIsDropped() {
        HttpHeaders sent = decode(head(HttpVersion.HTTP_1_1, HttpMethod.GET, "/",
                headers("X-Secret", "1", "Accept", "*/*", "Connection", "x-secret")), false).headers();

        assertThat(sent.contains("x-secret")).isFalse();
        assertThat(sent.contains("connection")).isFalse();
        assertThat(sent.get("accept")).isEqualTo("*/*");
    }

    @Test
    void anUpgradeAsksTheInstanceToSwitchProtocols() {
        ByteBuf head = Unpooled.buffer();
        RequestWriter.writeHead(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws",
                headers("Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Key", "k")), HOP, false,
                "websocket", head);
        HttpHeaders sent = decode(head, false).headers();

        assertThat(sent.get("connection")).isEqualTo("upgrade");
        assertThat(sent.getAll("upgrade")).containsExactly("websocket");
        assertThat(sent.get("sec-websocket-key")).isEqualTo("k");
    }

    @Test
    void aBodyOfUnknownLengthGoesInChunksWithItsTrailers() {
        ByteBuf head = Unpooled.buffer();
        RequestWriter.writeHead(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up", headers()), HOP, true,
                null, head);
        instance.writeOutbound(head);
        RequestWriter.writeBody(instance, new DefaultHttpContent(text("hello ")), true);
        RequestWriter.writeBody(instance, new DefaultHttpContent(Unpooled.EMPTY_BUFFER), true);
        LastHttpContent last = new DefaultLastHttpContent(text("world"));
        last.trailingHeaders().add("X-Checksum", "abc");
        RequestWriter.writeBody(instance, last, true);
        instance.flushOutbound();

        List<HttpObject> received = decodeAll();

        assertThat(((HttpRequest) received.get(0)).headers().get("transfer-encoding")).isEqualTo("chunked");
        StringBuilder body = new StringBuilder();
        for (HttpObject object : received.subList(1, received.size())) {
            body.append(((HttpContent) object).content().toString(StandardCharsets.UTF_8));
        }
        assertThat(body.toString()).isEqualTo("hello world");
        LastHttpContent end = (LastHttpContent) received.get(received.size() - 1);
        assertThat(end.trailingHeaders().get("x-checksum")).isEqualTo("abc");
    }

    @Test
    void aBodyOfKnownLengthGoesAsItIs() {
        ByteBuf head = Unpooled.buffer();
        RequestWriter.writeHead(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/p",
                headers("Content-Length", "5")), HOP, false, null, head);
        instance.writeOutbound(head);
        RequestWriter.writeBody(instance, new DefaultLastHttpContent(text("12345")), false);
        instance.flushOutbound();

        List<HttpObject> received = decodeAll();

        assertThat(((HttpRequest) received.get(0)).headers().get("content-length")).isEqualTo("5");
        assertThat(((HttpContent) received.get(1)).content().toString(StandardCharsets.UTF_8)).isEqualTo("12345");
    }

    private static ByteBuf head(HttpVersion version, HttpMethod method, String uri, HttpHeaders headers) {
        ByteBuf head = Unpooled.buffer();
        RequestWriter.writeHead(new DefaultHttpRequest(version, method, uri, headers), HOP, false, null, head);
        return head;
    }

    private HttpRequest decode(ByteBuf bytes, boolean more) {
        instance.writeOutbound(bytes);
        List<HttpObject> received = decodeAll();
        assertThat(received.get(0).decoderResult().isSuccess()).as(received.get(0).decoderResult().toString()).isTrue();
        return (HttpRequest) received.get(0);
    }

    /** Everything written to the instance so far, through Netty's request decoder. */
    private List<HttpObject> decodeAll() {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpRequestDecoder());
        for (ByteBuf written = instance.readOutbound(); written != null; written = instance.readOutbound()) {
            decoder.writeInbound(written);
        }
        List<HttpObject> received = new ArrayList<>();
        for (HttpObject object = decoder.readInbound(); object != null; object = decoder.readInbound()) {
            received.add(object);
        }
        decoder.finish();
        return received;
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders map = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
