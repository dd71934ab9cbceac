package dev.wisp.activator.ingress;

import dev.wisp.activator.proxy.RawRequest;
import dev.wisp.activator.proxy.RequestHeadScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads ordinary requests straight from a client connection's bytes, ahead of Netty's request decoder:
 * each ordinary head at the start of what arrived (see {@link RequestHeadScanner}) goes to the
 * connection's {@link FrontHandler} as a {@link RawRequest}, without a header map; the first bytes that
 * are not one (a body, an upgrade, a head still incomplete, anything unusual) and everything after them
 * go to the decoder, which keeps them until it is at rest again between requests.
 */
final class RawRequestReader extends ChannelInboundHandlerAdapter {

    private final RequestHeadScanner scanner;
    private final ClientHttpCodec.RequestDecoder decoder;
    private ChannelHandlerContext frontContext;
    private FrontHandler front;

    RawRequestReader(RequestHeadScanner scanner, ClientHttpCodec.RequestDecoder decoder) {
        this.scanner = scanner;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf in) || !decoder.atRest() || !findFront(ctx)) {
            ctx.fireChannelRead(msg);
            return;
        }
        while (in.isReadable() && !ctx.isRemoved()) {
            RawRequest request = scanner.scan(in);
            if (request == null) {
                break;
            }
            in.skipBytes(request.headLength());
            front.channelRead(frontContext, request);
        }
        if (in.isReadable()) {
            ctx.fireChannelRead(in);
        } else {
            in.release();
        }
    }

    private boolean findFront(ChannelHandlerContext ctx) {
        if (front == null || frontContext.isRemoved()) {
            frontContext = ctx.pipeline().context(FrontHandler.class);
            front = frontContext == null ? null : (FrontHandler) frontContext.handler();
        }
        return front != null;
    }
}
