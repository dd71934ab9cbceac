package dev.wisp.activator.proxy;

import dev.wisp.activator.timing.LoopDeadlines;
import dev.wisp.api.dataplane.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Forwards {@link Exchange}s to instances from one event loop: takes an idle keep-alive
 * connection to the instance from the loop's pool or opens one (on the same loop, so no request
 * crosses threads), rewrites the request's head for the instance, and hands the exchange to the
 * connection. One per event loop.
 */
public final class UpstreamProxy {

    /** Hears how one attempt to forward an exchange ended. */
    @FunctionalInterface
    public interface Listener {
        void ended(Exchange exchange, Endpoint instance, ProxyOutcome outcome);
    }

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** Response heads from instances may be large (cookies, CSP): Knative's Go proxy accepts far more than 8 KiB. */
    static final int MAX_RESPONSE_HEADER_SIZE = 64 * 1024;
    static final int MAX_RESPONSE_LINE = 16 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final Bootstrap bootstrap;
    private final UpstreamPool pool = new UpstreamPool();
    private final LoopDeadlines<UpstreamConnection> timers;
    /** The usual request head fits; larger ones grow the buffer. */
    private static final int HEAD_BUFFER = 512;
    private static final String SCHEME = "http";
    /** The last hop built here: keep-alive clients repeat it (its Forwarded element is built once). */
    private RequestWriter.Hop lastHop = new RequestWriter.Hop("", "", SCHEME, "");

    /** A proxy on {@code loop}, opening connections with {@code channelType} (the loop's transport). */
    public UpstreamProxy(EventLoop loop, Class<? extends Channel> channelType) {
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
        this.timers = new LoopDeadlines<>(loop, UpstreamConnection::timerFired);
    }

    /** Forwards the exchange's request to {@code instance}; {@code listener} hears how it ended. */
    public void forward(Exchange exchange, Endpoint instance, Listener listener) {
        UpstreamConnection idle = exchange.upgrade() ? null : pool.take(instance);
        if (idle != null) {
            start(exchange, idle, listener, true);
            return;
        }
        connect(exchange, instance, listener, connection -> start(exchange, connection, listener, false));
    }

    /** Sends an exchange already relaying again, on a new connection (its kept-alive one had closed). */
    void resend(Exchange exchange, Endpoint instance, Listener listener) {
        connect(exchange, instance, listener, connection -> {
            if (exchange.switchUpstream(connection)) {
                connection.begin(exchange, listener, false);
            } else {
                pool.offer(connection);
                listener.ended(exchange, instance, ProxyOutcome.ABANDONED);
            }
        });
    }

    private void connect(Exchange exchange, Endpoint instance, Listener listener,
                         Consumer<UpstreamConnection> onConnected) {
        UpstreamConnection connection = new UpstreamConnection(this, instance);
        ChannelFuture connected = bootstrap.clone()
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(connection.reader(),
                                connection.reader().decoder(), connection);
                    }
                })
                .connect(instance.host(), instance.port());
        connected.addListener(done -> {
            if (done.isSuccess()) {
                onConnected.accept(connection);
            } else {
                LOG.debugf("event=connect-failed revision=%s instance=%s cause=\"%s\"", exchange.revision(),
                        instance.instanceId(), done.cause());
                listener.ended(exchange, instance, ProxyOutcome.CONNECT_FAILED);
            }
        });
    }

    private void start(Exchange exchange, UpstreamConnection connection, Listener listener, boolean reused) {
        if (!exchange.startRelaying(connection)) {
            if (exchange.upgrade()) {
                connection.channel().close();
            } else {
                pool.offer(connection); // nothing was sent on it
            }
            listener.ended(exchange, connection.endpoint(), ProxyOutcome.ABANDONED);
            return;
        }
        connection.begin(exchange, listener, reused);
    }

    /**
     * The head of the exchange's request as the instance gets it ({@code chunked}: its body goes in
     * chunks); written anew for a retry, from the request as it came.
     */
    ByteBuf requestHead(Exchange exchange, boolean chunked, ByteBufAllocator allocator) {
        HttpRequest request = exchange.request();
        RequestWriter.Hop hop = hop(exchange.clientAddress(), exchange.authority());
        if (request instanceof RawRequest raw) {
            ByteBuf out = allocator.buffer(Math.max(HEAD_BUFFER, raw.headLength() + 256));
            raw.writeHead(hop, out);
            return out;
        }
        CharSequence upgradeTo = exchange.upgrade() ? request.headers().get(HttpHeaderNames.UPGRADE) : null;
        ByteBuf out = allocator.buffer(HEAD_BUFFER);
        RequestWriter.writeHead(request, hop, chunked, upgradeTo, out);
        return out;
    }

    /** Answers "Expect: 100-continue" once, as the body is about to be forwarded. */
    void sendContinueIfExpected(Exchange exchange) {
        if (exchange.continueExpected()) {
            exchange.continueSent();
            Channel client = exchange.client().channel();
            client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
                    client.voidPromise());
        }
    }

    /** This hop for a client at {@code client} that addressed {@code authority}; runs on this proxy's loop only. */
    private RequestWriter.Hop hop(String client, String authority) {
        RequestWriter.Hop last = lastHop;
        if (!client.equals(last.clientAddress()) || !authority.equals(last.authority()) || last.forwardedElement().isEmpty()) {
            last = new RequestWriter.Hop(authority, client, SCHEME, ForwardedHeaders.forwardedElement(client, authority, SCHEME));
            lastHop = last;
        }
        return last;
    }

    UpstreamPool pool() {
        return pool;
    }

    LoopDeadlines<UpstreamConnection> timers() {
        return timers;
    }

    /** Closes the idle connections and stops the timers (the loop is shutting down). */
    public void close() {
        timers.close();
        pool.closeAll();
    }
}
