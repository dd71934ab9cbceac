package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Reads an instance's responses ahead of Netty's HTTP decoder and relays the ordinary ones as
 * bytes: a head with a known body length ({@link ResponseHeadScanner} decides and writes the
 * client's head, hop-by-hop lines dropped), then exactly that many body bytes. Anything else — an
 * informational response, chunks, a body that ends with the connection, an upgrade, an HTTP/2
 * client — goes to the decoder, for the whole exchange. Sits in an upstream connection's pipeline
 * before the decoder; lives on its event loop.
 */
final class RawResponseReader extends ChannelInboundHandlerAdapter {

    /** Bodies up to this size that arrived with their head go to the client in the head's buffer. */
    private static final int COPY_BODY_BELOW = 2048;
    /**
     * A head still incomplete past this many bytes goes to the decoder, which reads incrementally (the
     * scanner starts over on every read: a head trickling in byte by byte must not cost quadratic time).
     */
    private static final int RESCAN_LIMIT = 4096;
    /** The usual response head fits; larger ones grow the buffer. */
    private static final int HEAD_BUFFER = 512;

    private enum Mode { DECODER, HEAD, BODY }

    private final UpstreamConnection connection;
    private final ResponseHeadScanner scanner = new ResponseHeadScanner();
    private final InstanceResponseDecoder decoder = new InstanceResponseDecoder(UpstreamProxy.MAX_RESPONSE_LINE,
            UpstreamProxy.MAX_RESPONSE_HEADER_SIZE, UpstreamProxy.MAX_CHUNK_SIZE);
    private Mode mode = Mode.DECODER;
    private boolean headRequest;
    private CharSequence clientConnection;
    private ByteBuf cumulation;
    private long remaining;
    private boolean heard;

    RawResponseReader(UpstreamConnection connection) {
        this.connection = connection;
    }

    /** The decoder that goes after this reader in the pipeline. */
    InstanceResponseDecoder decoder() {
        return decoder;
    }

    /**
     * Readies this reader and the decoder for the response to {@code next}, about to be sent; returns
     * whether the client's connection closes after a response relayed as bytes.
     */
    boolean expect(Exchange next) {
        releaseCumulation();
        heard = false;
        headRequest = HttpMethod.HEAD.equals(next.method());
        decoder.answeringHead(headRequest);
        boolean raw = !next.client().http2() && !next.upgrade(); // an HTTP/1.1 client: the framing is the instance's
        boolean close = raw && !next.keepAlive();
        mode = raw ? Mode.HEAD : Mode.DECODER;
        clientConnection = raw ? ResponseFraming.connectionHeader(next, close) : null;
        return close;
    }

    /** Whether any byte arrived from the instance since the current exchange's request was sent. */
    boolean heardFromInstance() {
        return heard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heard = true;
        if (mode == Mode.DECODER || !(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (mode == Mode.BODY) {
            body(bytes);
            return;
        }
        cumulation = cumulation == null ? bytes : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, bytes);
        head(ctx);
    }

    private void head(ChannelHandlerContext ctx) {
        ByteBuf in = cumulation;
        ByteBuf out = ctx.alloc().buffer(HEAD_BUFFER);
        ResponseHeadScanner.Result result = scanner.scan(in, UpstreamProxy.MAX_RESPONSE_HEADER_SIZE, headRequest,
                clientConnection, out);
        if (result == ResponseHeadScanner.Result.INCOMPLETE && in.readableBytes() <= RESCAN_LIMIT) {
            out.release();
            return;
        }
        cumulation = null;
        if (result != ResponseHeadScanner.Result.ORDINARY) {
            out.release();
            mode = Mode.DECODER;
            ctx.fireChannelRead(in);
            return;
        }
        in.skipBytes(scanner.headLength());
        remaining = scanner.contentLength();
        if (remaining > 0 && remaining < COPY_BODY_BELOW && in.readableBytes() >= remaining) {
            out.writeBytes(in, (int) remaining);
            remaining = 0;
        }
        mode = Mode.BODY;
        Exchange current = connection.relayingOrAbort(out);
        if (current == null) {
            in.release();
            mode = Mode.DECODER;
            return;
        }
        connection.startResponse(current, scanner.status(), scanner.keepAlive(), out);
        body(in);
    }

    /** Relays the body bytes in {@code bytes} (taking ownership of it), and ends the response at its length. */
    private void body(ByteBuf bytes) {
        int readable = bytes.readableBytes();
        int relayed = (int) Math.min(remaining, readable);
        boolean extra = readable > relayed;
        if (relayed == 0) {
            bytes.release();
        } else {
            remaining -= relayed;
            ByteBuf piece = extra ? bytes.readRetainedSlice(relayed) : bytes;
            if (extra) {
                bytes.release();
            }
            Exchange current = connection.relayingOrAbort(piece);
            if (current == null) {
                mode = Mode.DECODER;
                return;
            }
            connection.relayBody(current, piece);
        }
        if (remaining == 0) {
            mode = Mode.DECODER;
            connection.finish(!extra); // bytes past the response: the connection is out of step, not reused
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseCumulation();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
