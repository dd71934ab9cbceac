package dev.wisp.activator.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import org.jboss.logging.Logger;

/**
 * Turns an exchange whose instance accepted a protocol upgrade (answered 101, as for a WebSocket
 * handshake) into a byte tunnel: the 101 goes to the client with the instance's headers, then both
 * connections stop speaking HTTP and a {@link RawRelay} copies bytes each way until either closes.
 * An instance that refuses the upgrade has its answer relayed like any response.
 */
final class UpgradeTunnel {

    private static final Logger LOG = Logger.getLogger(UpgradeTunnel.class);

    private final Exchange exchange;
    private final UpstreamConnection upstream;
    private final UpstreamProxy.Listener listener;
    private boolean closed;

    private UpgradeTunnel(Exchange exchange, UpstreamConnection upstream, UpstreamProxy.Listener listener) {
        this.exchange = exchange;
        this.upstream = upstream;
        this.listener = listener;
    }

    /** Relays the instance's 101 and splices the two connections; called while reading the 101. */
    static void splice(Exchange exchange, UpstreamConnection upstream, HttpResponse switching,
                       UpstreamProxy.Listener listener) {
        Channel instance = upstream.channel();
        if (!exchange.isRelaying()) {
            instance.close();
            listener.ended(exchange, upstream.endpoint(), ProxyOutcome.ABANDONED);
            return;
        }
        new UpgradeTunnel(exchange, upstream, listener).open(switching);
    }

    private void open(HttpResponse switching) {
        Channel instance = upstream.channel();
        Channel client = exchange.client().channel();
        switching.setProtocolVersion(HttpVersion.HTTP_1_1);
        exchange.responseStarted(101);
        client.writeAndFlush(switching, client.voidPromise());
        // The instance's side: its response decoder, having read a 101, passes what follows through.
        instance.pipeline().replace(upstream, null, new RawRelay(client, this::closed));
        exchange.client().switchToRaw(new RawRelay(instance, this::closed));
        instance.config().setAutoRead(true);
        client.config().setAutoRead(true);
        LOG.debugf("event=upgraded revision=%s protocol=%s", exchange.revision(),
                switching.headers().get(HttpHeaderNames.UPGRADE));
    }

    /** Either side closed: the exchange is over (counted once, as a 101). */
    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        exchange.responseEnded();
        listener.ended(exchange, upstream.endpoint(), ProxyOutcome.COMPLETED);
    }
}
