package dev.wisp.activator.ingress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
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
        HttpServerCodec codec = new HttpServerCodec(loop.settings().maxRequestLineLength(),
                loop.settings().maxHeaderSize(), MAX_CHUNK_SIZE);
        HttpServerUpgradeHandler upgrades = new HttpServerUpgradeHandler(codec,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(loop), new Http2MultiplexHandler(streams(loop)))
                        : null,
                MAX_UPGRADE_REQUEST_BODY);
        channel.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrades, new PriorKnowledge(loop)),
                new FrontHandler(loop, false));
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
     * Put in place when a client opens with HTTP/2's preface: replaces itself with the HTTP/2 frame
     * codec and stream multiplexer at its own place in the pipeline (before the HTTP/1 handler).
     */
    private static final class PriorKnowledge extends ChannelHandlerAdapter {
        private final LoopIngress loop;

        PriorKnowledge(LoopIngress loop) {
            this.loop = loop;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Http2FrameCodec codec = frameCodec(loop);
            ctx.pipeline().addAfter(ctx.name(), null, codec);
            ctx.pipeline().addAfter(ctx.pipeline().context(codec).name(), null,
                    new Http2MultiplexHandler(streams(loop)));
            ctx.pipeline().remove(this);
        }
    }
}
