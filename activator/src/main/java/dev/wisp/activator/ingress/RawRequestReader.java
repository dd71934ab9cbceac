package dev.wisp.activator.ingress;

import dev.wisp.activator.proxy.RawRequest;
import dev.wisp.activator.proxy.RequestHeadScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;

/**
 * Reads ordinary requests straight from a client connection's bytes, ahead of Netty's request decoder:
 * each ordinary head at the start of what arrived (see {@link RequestHeadScanner}) goes to the
 * connection's {@link FrontHandler} as a {@link RawRequest}, without a header map, followed by its
 * Content-Length body as slices of the bytes read; the first bytes that are not one (chunks, an upgrade,
 * a head still incomplete, anything unusual) and everything after them go to the decoder, which keeps
 * them until it is at rest again between requests.
 */
final class RawRequestReader extends ChannelInboundHandlerAdapter {

    private final RequestHeadScanner scanner;
    private final ClientHttpCodec.RequestDecoder decoder;
    private ChannelHandlerContext frontContext;
    private FrontHandler front;
    /** Body bytes of the last raw request still to come. */
    private long bodyLeft;

    RawRequestReader(RequestHeadScanner scanner, ClientHttpCodec.RequestDecoder decoder) {
        this.scanner = scanner;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf in) || bodyLeft == 0 && !decoder.atRest() || !findFront(ctx)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            relayBody(in);
            while (bodyLeft == 0 && in.isReadable() && !ctx.isRemoved()) {
                RawRequest request = scanner.scan(in);
                if (request == null) {
                    break;
                }
                in.skipBytes(request.headLength());
                bodyLeft = request.contentLength();
                front.channelRead(frontContext, request);
                relayBody(in);
            }
        } catch (RuntimeException e) {
            in.release(); // the connection closes on the exception; the bytes read go nowhere
            throw e;
        }
        if (in.isReadable()) {
            ctx.fireChannelRead(in);
        } else {
            in.release();
        }
    }

    /** Passes on what {@code in} holds of the current body: the piece that ends it as the last content. */
    private void relayBody(ByteBuf in) {
        int length = (int) Math.min(bodyLeft, in.readableBytes());
        if (length == 0) {
            return;
        }
        ByteBuf piece = in.readRetainedSlice(length);
        bodyLeft -= length;
        front.channelRead(frontContext, bodyLeft == 0 ? new DefaultLastHttpContent(piece) : new DefaultHttpContent(piece));
    }

    private boolean findFront(ChannelHandlerContext ctx) {
        if (front == null || frontContext.isRemoved()) {
            frontContext = ctx.pipeline().context(FrontHandler.class);
            front = frontContext == null ? null : (FrontHandler) frontContext.handler();
        }
        return front != null;
    }
}
