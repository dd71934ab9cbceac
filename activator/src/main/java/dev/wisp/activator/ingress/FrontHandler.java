package dev.wisp.activator.ingress;

import dev.wisp.activator.handler.RequestAuthority;
import dev.wisp.activator.proxy.ClientStream;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.RawRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * The activator's end of one client HTTP/1.1 connection, or of one HTTP/2 stream: turns each
 * request that arrives into an {@link Exchange} and gives it to the loop's handler chain, passes
 * its body on, answers pipelined requests in order (holding later ones until the current response
 * ended), and keeps the connection open or closes it as the client asked. Lives on one event loop.
 */
final class FrontHandler extends ChannelInboundHandlerAdapter implements ClientStream {

    private static final Logger LOG = Logger.getLogger(FrontHandler.class);
    private static final AsciiString H2C = AsciiString.cached("h2c");

    private final LoopIngress loop;
    private final boolean http2;
    private Channel channel;
    /** HTTP/1.1 only: the response encoder, and the decoder's place, past which raw writes go. */
    private ClientHttpCodec.ResponseEncoder encoder;
    private ChannelHandlerContext rawOutlet;
    private String clientAddress;
    private Exchange current;
    private boolean currentComplete;
    private ArrayDeque<Object> backlog;
    private boolean draining;
    private boolean reading;
    /** Requests in progress on this connection (0 or 1; an upgraded connection stays at 1). */
    int active;
    /** Whether a request has arrived on this connection. */
    boolean served;
    /** When the connection last had nothing in progress ({@code System.nanoTime()}). */
    long idleSinceNanos = System.nanoTime();

    FrontHandler(LoopIngress loop, boolean http2) {
        this.loop = loop;
        this.http2 = http2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (!http2) {
            encoder = ctx.pipeline().get(ClientHttpCodec.ResponseEncoder.class);
            rawOutlet = ctx.pipeline().context(HttpRequestDecoder.class);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!http2) {
            loop.guard().watch(this);
            channel.closeFuture().addListener(closed -> loop.guard().forget(this));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (backlog != null) {
            backlog.add(msg);
            return;
        }
        if (current != null && currentComplete) {
            // Pipelined: answered once the current response ended, in order.
            backlog = new ArrayDeque<>(4);
            backlog.add(msg);
            channel.config().setAutoRead(false);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            arrived(request);
        } else if (msg instanceof HttpContent content) {
            bodyArrived(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void arrived(HttpRequest request) {
        if (request instanceof RawRequest raw) {
            arrivedRaw(raw);
            return;
        }
        if (encoder != null) {
            encoder.answeringHead(HttpMethod.HEAD.equals(request.method()) && request.decoderResult().isSuccess());
        }
        if (request.decoderResult().isFailure() || hasControlCharacter(request.uri())) {
            Throwable cause = request.decoderResult().isFailure() ? request.decoderResult().cause()
                    : new IllegalArgumentException("request target contains a control character");
            ReferenceCountUtil.release(request);
            InvalidRequestReplies.reply(channel, cause, loop.settings());
            return;
        }
        if (!served && !http2) {
            firstRequest(request);
        }
        HttpRequest head = request;
        HttpContent body = null;
        if (request instanceof FullHttpRequest full) {
            // Head and body apart, like any other request: the head may be sent again on a retry.
            head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            body = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
        }
        Exchange exchange = new Exchange(head, this, RequestAuthority.of(head), clientAddress(),
                http2 || HttpUtil.isKeepAlive(head), !http2 && isUpgrade(head));
        if (body != null) {
            exchange.bodyArrived(body);
        }
        admit(exchange, body != null, body == null && hasBody(head));
    }

    /** An ordinary request read as bytes: its traits known without a header map; its body, if any, follows. */
    private void arrivedRaw(RawRequest request) {
        if (encoder != null) {
            encoder.answeringHead(HttpMethod.HEAD.equals(request.method()));
        }
        if (!served) {
            withoutUpgrades();
        }
        Exchange exchange = new Exchange(request, this, request.authority(), clientAddress(), request.keepAlive(), false);
        admit(exchange, request.contentLength() == 0, request.contentLength() > 0);
    }

    /**
     * Makes {@code exchange} the connection's request in progress ({@code complete}: all of it has arrived) and
     * routes it; with {@code bodyFollows}, nothing more is read until an instance is chosen for it.
     */
    private void admit(Exchange exchange, boolean complete, boolean bodyFollows) {
        active++;
        served = true;
        current = exchange;
        currentComplete = complete;
        if (bodyFollows) {
            channel.config().setAutoRead(false);
        }
        loop.router().handle(exchange);
    }

    /**
     * A connection switches to h2c with its first request or not at all here: once that request
     * did not ask to, the upgrade handler (which looks at every later message) leaves the pipeline.
     */
    private void firstRequest(HttpRequest request) {
        if (!request.headers().contains(HttpHeaderNames.UPGRADE)) {
            withoutUpgrades();
        }
    }

    private void withoutUpgrades() {
        HttpServerUpgradeHandler upgrades = channel.pipeline().get(HttpServerUpgradeHandler.class);
        if (upgrades != null) {
            channel.pipeline().remove(upgrades);
        }
    }

    private void bodyArrived(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(content);
            LOG.debugf("event=malformed-body remote=%s", clientAddress());
            channel.close();
            return;
        }
        Exchange exchange = current;
        if (exchange == null) {
            ReferenceCountUtil.release(content); // the rest of a body whose request was answered already
            return;
        }
        if (content instanceof LastHttpContent) {
            currentComplete = true;
        }
        exchange.bodyArrived(content);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        Exchange exchange = current;
        if (exchange != null) {
            exchange.flushUpstream();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange exchange = current;
        if (exchange != null && channel.isWritable()) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange exchange = current;
        current = null;
        releaseBacklog();
        if (exchange != null) {
            exchange.clientGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ClientChannelInitializer.PriorKnowledgeStarted
                || event instanceof HttpServerUpgradeHandler.UpgradeEvent) {
            // The connection speaks HTTP/2 from now on: its streams have their own handlers.
            loop.guard().forget(this);
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf("event=client-error remote=%s cause=\"%s\"", clientAddress(), cause);
        ctx.close();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean http2() {
        return http2;
    }

    @Override
    public boolean reading() {
        return reading;
    }

    @Override
    public void responseEnded(Exchange exchange, boolean close) {
        if (exchange != current) {
            return;
        }
        current = null;
        active--;
        idleSinceNanos = System.nanoTime();
        if (close && !http2) {
            releaseBacklog();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (currentComplete && backlog != null) {
            drainBacklog();
        } else if (!channel.config().isAutoRead()) {
            // Read on: the next request (reading paused while this one's body waited for an instance), or
            // the rest of an unread body (dropped: to reach the next request, or with HTTP/2 to let the stream end).
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void reset() {
        channel.close();
    }

    @Override
    public void switchToRaw(ChannelHandler relay) {
        ChannelPipeline pipeline = channel.pipeline();
        releaseBacklog();
        pipeline.replace(this, null, relay);
        HttpServerUpgradeHandler upgrades = pipeline.get(HttpServerUpgradeHandler.class);
        if (upgrades != null) {
            pipeline.remove(upgrades);
        }
        // Removing the codec hands whatever bytes it still held to the relay.
        ClientHttpCodec.removeFrom(pipeline);
    }

    @Override
    public void writeRaw(ByteBuf bytes) {
        rawOutlet.write(bytes, rawOutlet.voidPromise());
    }

    /** Answers the requests that arrived while the previous one was in progress, in order. */
    private void drainBacklog() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (backlog != null && !backlog.isEmpty()) {
                if (current != null && currentComplete) {
                    return; // the next one waits for this response to end
                }
                dispatch(backlog.poll());
            }
            backlog = null;
            Exchange exchange = current;
            channel.config().setAutoRead(exchange == null || currentComplete || exchange.isRelaying());
        } finally {
            draining = false;
        }
    }

    private void releaseBacklog() {
        if (backlog != null) {
            for (Object msg = backlog.poll(); msg != null; msg = backlog.poll()) {
                ReferenceCountUtil.release(msg);
            }
            backlog = null;
        }
    }

    private String clientAddress() {
        if (clientAddress == null) {
            SocketAddress remote = http2 && channel.parent() != null ? channel.parent().remoteAddress()
                    : channel.remoteAddress();
            clientAddress = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        }
        return clientAddress;
    }

    /** Whether {@code target} holds a byte below 0x21 or DEL (forwarded, some servers would split on it). */
    private static boolean hasControlCharacter(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request head announces a body (a non-zero Content-Length, or chunks). */
    private static boolean hasBody(HttpRequest head) {
        return HttpUtil.isTransferEncodingChunked(head)
                || head.headers().contains(HttpHeaderNames.CONTENT_LENGTH) && HttpUtil.getContentLength(head, 0L) > 0;
    }

    /** Whether {@code head} asks to switch protocols (h2c upgrades are the server's own business). */
    private static boolean isUpgrade(HttpRequest head) {
        if (head.protocolVersion() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String upgrade = head.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && !H2C.contentEqualsIgnoreCase(upgrade)
                && head.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE, true);
    }
}
