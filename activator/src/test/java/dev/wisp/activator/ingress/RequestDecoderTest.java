package dev.wisp.activator.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the client codec's request decoder is at rest (the raw reader may take the next bytes), and what it frames. */
class RequestDecoderTest {

    private final ClientHttpCodec.RequestDecoder decoder = new ClientHttpCodec.RequestDecoder(new HttpDecoderConfig());
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeadReadUpToALineEndIsNotAtRestUntilItsRequestEnds() {
        write("POST /a HTTP/1.1\r\nHost: h\r\n");
        assertThat(decoder.atRest()).as("after whole lines of a head").isFalse();

        write("Content-Length: 5\r\n\r\nhel");
        assertThat(decoder.atRest()).as("in its body").isFalse();

        write("lo");
        List<HttpObject> decoded = readAll();
        assertThat(decoded.get(0)).isInstanceOf(HttpRequest.class);
        assertThat(((HttpRequest) decoded.get(0)).headers().get("content-length")).isEqualTo("5");
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(decoder.atRest()).as("after its end").isTrue();
        release(decoded);
    }

    @Test
    void aHeadCutInsideALineIsNotAtRest() {
        write("GET /a HTTP/1.1\r\nHo");

        assertThat(decoder.atRest()).isFalse();
    }

    @Test
    void aRequestWithoutLengthOrChunksHasNoBodyWhatEverItsWebSocketKeys() {
        write("GET /old HTTP/1.1\r\nHost: h\r\nSec-WebSocket-Key1: 1 2\r\nSec-WebSocket-Key2: 3 4\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");

        List<HttpObject> decoded = readAll();
        List<String> targets = decoded.stream().filter(HttpRequest.class::isInstance)
                .map(o -> ((HttpRequest) o).uri()).toList();
        long bodyBytes = decoded.stream().filter(HttpContent.class::isInstance)
                .mapToLong(o -> ((HttpContent) o).content().readableBytes()).sum();
        assertThat(targets).containsExactly("/old", "/next");
        assertThat(bodyBytes).isZero();
        assertThat(decoder.atRest()).isTrue();
        release(decoded);
    }

    @Test
    void afterARefusedRequestItIsNeverAtRestAgain() {
        write("GET /a HTTP/1.1\r\nHost : h\r\n\r\n");
        List<HttpObject> decoded = readAll();

        assertThat(decoded.get(0).decoderResult().isFailure()).isTrue();
        assertThat(decoder.atRest()).isFalse();
        release(decoded);
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private List<HttpObject> readAll() {
        List<HttpObject> all = new ArrayList<>();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            all.add((HttpObject) msg);
        }
        return all;
    }

    private static void release(List<HttpObject> objects) {
        objects.forEach(ReferenceCountUtil::release);
    }
}
