package dev.wisp.activator.ingress;

import dev.wisp.activator.proxy.RequestHeadScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * The HTTP/1.1 codec of a client connection as three handlers in its pipeline: a {@link RawRequestReader}
 * that takes ordinary requests as bytes, Netty's request decoder with the request limits for everything
 * else, and a response encoder that the connection's {@link FrontHandler} tells whether the request being
 * answered is a HEAD. Unlike Netty's HttpServerCodec it does not pair requests and responses through a
 * queue, so responses relayed as bytes may pass beside the encoder (written from the decoder's place in
 * the pipeline).
 */
final class ClientHttpCodec implements HttpServerUpgradeHandler.SourceCodec {

    private final RequestDecoder decoder;
    private final RawRequestReader reader;
    private final ResponseEncoder encoder = new ResponseEncoder();

    ClientHttpCodec(int maxRequestLineLength, int maxHeaderSize, int maxChunkSize) {
        // A request with both Transfer-Encoding and Content-Length is refused with 400 (Netty's RFC 9112 default).
        this.decoder = new RequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxRequestLineLength)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize));
        this.reader = new RawRequestReader(new RequestHeadScanner(maxRequestLineLength, maxHeaderSize), decoder);
    }

    /** Puts the raw reader, the decoder and then the encoder after the handler named {@code name}. */
    void addAfter(ChannelPipeline pipeline, String name) {
        pipeline.addAfter(name, null, encoder);
        pipeline.addAfter(name, null, decoder);
        pipeline.addAfter(name, null, reader);
    }

    /** Takes the handlers out of the pipeline (the decoder hands on the bytes it still held). */
    static void removeFrom(ChannelPipeline pipeline) {
        RawRequestReader reader = pipeline.get(RawRequestReader.class);
        if (reader != null) {
            pipeline.remove(reader);
        }
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

    /**
     * Netty's request decoder, which also tells whether it is at rest: between requests and holding no
     * bytes, so that the next bytes may be read as a raw request. Once it refused a request it stays busy.
     * A request without Content-Length or Transfer-Encoding has no body (RFC 9112), as for the raw reader:
     * Netty's own decoder would give one with Sec-WebSocket-Key1/Key2 (obsolete Hixie-76) an 8-byte body.
     */
    static final class RequestDecoder extends HttpRequestDecoder {
        private boolean midRequest;
        private boolean refused;

        RequestDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            int start = buffer.readerIndex();
            super.decode(ctx, buffer, out);
            if (out.size() == before && buffer.readerIndex() != start) {
                // Lines of a head read (the decoder keeps them, not their bytes) with the head not yet whole.
                midRequest = true;
            }
            for (int i = before; i < out.size(); i++) {
                Object msg = out.get(i);
                if (msg instanceof HttpRequest) {
                    midRequest = true;
                }
                if (msg instanceof LastHttpContent) {
                    midRequest = false;
                }
                if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
                    refused = true;
                }
            }
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            HttpHeaders headers = msg.headers();
            return !headers.contains(HttpHeaderNames.CONTENT_LENGTH) && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                    || super.isContentAlwaysEmpty(msg);
        }

        /** Whether no request is partly decoded and no byte is held. */
        boolean atRest() {
            return !midRequest && !refused && !internalBuffer().isReadable();
        }
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
