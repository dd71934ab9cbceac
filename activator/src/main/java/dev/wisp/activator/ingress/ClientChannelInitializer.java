package dev.wisp.activator.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;

/**
 * Sets up a client connection: HTTP/1.1 with the request limits, switching to HTTP/2 when the
 * client starts with HTTP/2's preface (prior knowledge) or asks for an h2c upgrade; each HTTP/2
 * stream gets its own {@link FrontHandler} that sees it as HTTP/1-style messages.
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    /** Requests asking for an upgrade are read whole before upgrading; their bodies may be this large. */
    static final int MAX_UPGRADE_REQUEST_BODY = 256 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;
    static final int MAX_CONCURRENT_STREAMS = 1000;

    private final Map<EventLoop, LoopIngress> loops;

    ClientChannelInitializer(Map<EventLoop, LoopIngress> loops) {
        this.loops = loops;
    }

    @Override
    protected void initChannel(Channel channel) {
        LoopIngress loop = loops.get(channel.eventLoop());
        ClientHttpCodec codec = new ClientHttpCodec(loop.settings().maxRequestLineLength(),
                loop.settings().maxHeaderSize(), MAX_CHUNK_SIZE);
        HttpServerUpgradeHandler upgrades = new HttpServerUpgradeHandler(codec,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(loop), new Http2MultiplexHandler(streams(loop)))
                        : null,
                MAX_UPGRADE_REQUEST_BODY);
        String sniffer = "h2-preface";
        channel.pipeline().addLast(sniffer, new PrefaceSniffer(loop));
        codec.addAfter(channel.pipeline(), sniffer);
        channel.pipeline().addLast(upgrades, new FrontHandler(loop, false));
    }

    private static Http2FrameCodec frameCodec(LoopIngress loop) {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(loop.settings().maxHeaderSize()))
                .build();
    }

    private static ChannelInitializer<Http2StreamChannel> streams(LoopIngress loop) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new FrontHandler(loop, true));
            }
        };
    }

    /**
     * Looks at the first bytes of a connection: HTTP/2's preface puts the HTTP/2 frame codec and
     * stream multiplexer in place of the HTTP/1.1 handlers (prior knowledge); anything else leaves
     * the connection to them. What Netty's CleartextHttp2ServerUpgradeHandler does, for our codec.
     */
    private static final class PrefaceSniffer extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Unpooled.unreleasableBuffer(Http2CodecUtil.connectionPrefaceBuf())
                .asReadOnly();
        private final LoopIngress loop;

        PrefaceSniffer(LoopIngress loop) {
            this.loop = loop;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int length = PREFACE.readableBytes();
            int seen = Math.min(in.readableBytes(), length);
            if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), seen)) {
                ctx.pipeline().remove(this);
            } else if (seen == length) {
                ChannelPipeline pipeline = ctx.pipeline();
                ClientHttpCodec.removeFrom(pipeline);
                pipeline.remove(HttpServerUpgradeHandler.class);
                Http2FrameCodec codec = frameCodec(loop);
                pipeline.addAfter(ctx.name(), null, codec);
                pipeline.addAfter(pipeline.context(codec).name(), null, new Http2MultiplexHandler(streams(loop)));
                pipeline.remove(this);
                ctx.fireUserEventTriggered(PriorKnowledgeStarted.INSTANCE);
            }
        }
    }

    /** Fired when a connection started with HTTP/2's preface: its HTTP/1.1 handler leaves. */
    static final class PriorKnowledgeStarted {
        static final PriorKnowledgeStarted INSTANCE = new PriorKnowledgeStarted();

        private PriorKnowledgeStarted() {
        }
    }
}
