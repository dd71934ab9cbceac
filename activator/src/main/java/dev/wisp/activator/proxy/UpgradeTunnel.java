package dev.wisp.activator.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Passes an HTTP/1.1 upgrade (a WebSocket handshake, for example) through to an instance: sends
 * the handshake upstream, relays the instance's 101 and then copies raw bytes both ways until
 * either side closes. An instance that refuses the upgrade has its answer relayed as is.
 */
final class UpgradeTunnel {

    private static final Logger LOG = Logger.getLogger(UpgradeTunnel.class);

    private final Exchange exchange;
    private final HttpClientRequest upstream;
    private final Promise<ProxyOutcome> outcome = Promise.promise();

    UpgradeTunnel(Exchange exchange, HttpClientRequest upstream) {
        this.exchange = exchange;
        this.upstream = upstream;
    }

    /** Whether {@code request} asks to switch protocols (h2c upgrades are handled by the server itself). */
    static boolean isUpgrade(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        return upgrade != null && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /** Puts back the hop-by-hop headers an upgrade needs on the upstream hop. */
    static void restoreUpgradeHeaders(HttpServerRequest request, MultiMap upstreamHeaders) {
        upstreamHeaders.set(HttpHeaders.CONNECTION, "Upgrade");
        upstreamHeaders.set(HttpHeaders.UPGRADE, request.getHeader(HttpHeaders.UPGRADE));
    }

    Future<ProxyOutcome> open() {
        upstream.connect()
                .onSuccess(this::answered)
                .onFailure(this::failed);
        return outcome.future();
    }

    private void answered(HttpClientResponse response) {
        if (!exchange.isRelaying()) {
            upstream.reset();
            outcome.tryComplete(ProxyOutcome.ABANDONED);
            return;
        }
        HttpServerRequest request = exchange.request();
        if (response.statusCode() != 101) {
            // Refused: relay the instance's answer like any response.
            UpstreamProxy.copyHead(exchange, response, request.response());
            response.pipe().to(request.response()).onComplete(ar -> outcome.tryComplete(
                    ar.succeeded() ? ProxyOutcome.COMPLETED : ProxyOutcome.FAILED));
            return;
        }
        HttpServerResponse toClient = request.response();
        toClient.headers().addAll(response.headers());
        // The router paused the request (and so the connection); an upgrade has no body to lose.
        request.resume();
        request.toNetSocket()
                .onSuccess(client -> splice(client, response.netSocket()))
                .onFailure(this::failed);
    }

    private void splice(NetSocket client, NetSocket instance) {
        client.pipeTo(instance).onComplete(ar -> instance.close());
        instance.pipeTo(client).onComplete(ar -> client.close());
        client.closeHandler(v -> {
            instance.close();
            outcome.tryComplete(ProxyOutcome.COMPLETED);
        });
        LOG.debugf("event=upgraded revision=%s protocol=%s", exchange.revision(),
                exchange.request().getHeader(HttpHeaders.UPGRADE));
    }

    private void failed(Throwable cause) {
        LOG.debugf("event=upgrade-failed revision=%s cause=\"%s\"", exchange.revision(), cause.getMessage());
        if (exchange.isRelaying()) {
            Replies.text(exchange.request(), 502, "revision " + exchange.revision()
                    + " failed the protocol upgrade: " + cause.getMessage());
        }
        outcome.tryComplete(ProxyOutcome.FAILED);
    }
}
