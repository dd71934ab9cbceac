package dev.wisp.activator.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;

/**
 * The HTTP/1.1 codec of a client connection as two handlers in its pipeline: Netty's request
 * decoder with the request limits, and a response encoder that the connection's {@link FrontHandler}
 * tells whether the request being answered is a HEAD. Unlike Netty's HttpServerCodec it does not
 * pair requests and responses through a queue, so responses relayed as bytes may pass beside the
 * encoder (written from the decoder's place in the pipeline).
 */
final class ClientHttpCodec implements HttpServerUpgradeHandler.SourceCodec {

    private final HttpRequestDecoder decoder;
    private final ResponseEncoder encoder = new ResponseEncoder();

    ClientHttpCodec(int maxRequestLineLength, int maxHeaderSize, int maxChunkSize) {
        // A request with both Transfer-Encoding and Content-Length is refused with 400 (Netty's RFC 9112 default).
        this.decoder = new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxRequestLineLength)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize));
    }

    /** Puts the decoder and then the encoder after the handler named {@code name}. */
    void addAfter(ChannelPipeline pipeline, String name) {
        pipeline.addAfter(name, null, encoder);
        pipeline.addAfter(name, null, decoder);
    }

    /** Takes both handlers out of the pipeline (the decoder hands on the bytes it still held). */
    static void removeFrom(ChannelPipeline pipeline) {
        ResponseEncoder encoder = pipeline.get(ResponseEncoder.class);
        if (encoder != null) {
            pipeline.remove(encoder);
        }
        HttpRequestDecoder decoder = pipeline.get(HttpRequestDecoder.class);
        if (decoder != null) {
            pipeline.remove(decoder);
        }
    }

    /** The h2c upgrade was accepted: the connection stops speaking HTTP/1.1. */
    @Override
    public void upgradeFrom(ChannelHandlerContext ctx) {
        removeFrom(ctx.pipeline());
    }

    /** Netty's response encoder, told whether the response answers a HEAD (its body, if any, is not sent). */
    static final class ResponseEncoder extends HttpResponseEncoder {
        private boolean answeringHead;

        void answeringHead(boolean head) {
            this.answeringHead = head;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            return answeringHead || super.isContentAlwaysEmpty(msg);
        }
    }
}
