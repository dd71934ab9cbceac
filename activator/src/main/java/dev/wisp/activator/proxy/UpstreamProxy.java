package dev.wisp.activator.proxy;

import dev.wisp.activator.handler.RequestAuthority;
import dev.wisp.api.dataplane.Endpoint;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Forwards an {@link Exchange} to one instance over a pooled keep-alive HTTP client, streaming
 * both bodies with backpressure, enforcing the revision's response-start and idle timeouts, and
 * tunnelling upgrades (WebSocket); tells how the attempt ended. One per event loop.
 */
public final class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    /** Connections per instance: high enough that the instance, not the pool, limits throughput. */
    static final int CONNECTIONS_PER_INSTANCE = 1024;
    static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Vertx vertx;
    private final HttpClient client;
    /** The last Forwarded element built here, with what it was built from: keep-alive clients repeat it. */
    private String lastClient = "";
    private String lastAuthority = "";
    private String lastScheme = "";
    private String lastElement;

    public UpstreamProxy(Vertx vertx, HttpClient client) {
        this.vertx = vertx;
        this.client = client;
    }

    /**
     * Creates the HTTP client the proxy is meant for: keep-alive, pooled per instance, no
     * decompression. Call it on the event loop that will use it, so its connections live there.
     */
    public static HttpClient createClient(Vertx vertx) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setDecompressionSupported(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_INSTANCE);
        return vertx.createHttpClient(options, pool);
    }

    /** Forwards the exchange's request to {@code instance}; the future never fails. */
    public Future<ProxyOutcome> forward(Exchange exchange, Endpoint instance) {
        HttpServerRequest request = exchange.request();
        boolean upgrade = UpgradeTunnel.isUpgrade(request);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(instance.host())
                .setPort(instance.port())
                .setURI(request.uri());
        if (exchange.idleMillis() > 0) {
            options.setIdleTimeout(exchange.idleMillis());
        }
        return client.request(options).transform(connected -> afterConnect(exchange, instance, connected, upgrade));
    }

    /** Writes the forwarded request's headers straight into the upstream request's own (no copy in between). */
    private void writeHeaders(HttpServerRequest request, MultiMap upstreamHeaders, boolean upgrade) {
        String authority = RequestAuthority.of(request);
        String clientAddress = request.remoteAddress().hostAddress();
        String scheme = request.scheme();
        ForwardedHeaders.writeRequest(request.headers(), authority, clientAddress, scheme,
                forwardedElement(clientAddress, authority, scheme), upstreamHeaders);
        if (upgrade) {
            UpgradeTunnel.restoreUpgradeHeaders(request, upstreamHeaders);
        }
    }

    /** The Forwarded element for this hop; runs on this proxy's loop only. */
    private String forwardedElement(String client, String authority, String scheme) {
        if (lastElement == null || !client.equals(lastClient) || !authority.equals(lastAuthority)
                || !scheme.equals(lastScheme)) {
            lastElement = ForwardedHeaders.forwardedElement(client, authority, scheme);
            lastClient = client;
            lastAuthority = authority;
            lastScheme = scheme;
        }
        return lastElement;
    }

    private Future<ProxyOutcome> afterConnect(Exchange exchange, Endpoint instance,
                                              AsyncResult<HttpClientRequest> connected, boolean upgrade) {
        if (connected.failed()) {
            LOG.debugf("event=connect-failed revision=%s instance=%s cause=\"%s\"",
                    exchange.revision(), instance.instanceId(), connected.cause().getMessage());
            return Future.succeededFuture(ProxyOutcome.CONNECT_FAILED);
        }
        HttpClientRequest upstream = connected.result();
        if (!exchange.startRelaying(upstream)) {
            upstream.reset();
            return Future.succeededFuture(ProxyOutcome.ABANDONED);
        }
        writeHeaders(exchange.request(), upstream.headers(), upgrade);
        return upgrade ? new UpgradeTunnel(exchange, upstream).open() : relay(exchange, upstream);
    }

    private Future<ProxyOutcome> relay(Exchange exchange, HttpClientRequest upstream) {
        HttpServerRequest request = exchange.request();
        Promise<ProxyOutcome> outcome = Promise.promise();
        if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH) && isChunked(request)) {
            upstream.setChunked(true);
        }
        long startTimer = exchange.responseStartMillis() <= 0 ? -1
                : vertx.setTimer(exchange.responseStartMillis(), id -> responseStartTimedOut(exchange, upstream, outcome));
        upstream.response().onComplete(head -> { // one listener: no listener array per request
            if (startTimer >= 0) {
                vertx.cancelTimer(startTimer);
            }
            if (head.succeeded()) {
                relayResponse(exchange, head.result(), outcome);
            } else {
                upstreamFailed(exchange, head.cause(), outcome);
            }
        });
        if (RequestBody.isAbsent(request)) {
            // Not paused by the router (nothing to hold back), and nothing to pipe.
            upstream.end();
            return outcome.future();
        }
        exchange.sendContinueIfExpected();
        // A client that goes away mid-body cancels the upstream request; its response then fails.
        request.pipe().endOnFailure(false).to(upstream).onFailure(cause -> upstream.reset());
        return outcome.future();
    }

    private void relayResponse(Exchange exchange, HttpClientResponse upstream, Promise<ProxyOutcome> outcome) {
        if (!exchange.isRelaying() || outcome.future().isComplete()) {
            upstream.request().reset();
            outcome.tryComplete(ProxyOutcome.ABANDONED);
            return;
        }
        HttpServerResponse response = exchange.request().response();
        copyHead(exchange, upstream, response);
        // Vert.x stops the request's idle timer when the head arrives; the body has its own watch.
        Future<Void> body = exchange.idleMillis() > 0
                ? new IdleWatchedRelay(vertx, upstream, response, exchange.idleMillis()).run()
                : upstream.pipe().endOnFailure(false).to(response);
        body.onComplete(relayed -> {
            if (relayed.succeeded()) {
                outcome.tryComplete(ProxyOutcome.COMPLETED);
            } else {
                upstream.request().reset();
                upstreamFailed(exchange, relayed.cause(), outcome);
            }
        });
    }

    /** Copies status and end-to-end headers of an upstream response to the client's response. */
    static void copyHead(Exchange exchange, HttpClientResponse upstream, HttpServerResponse response) {
        int status = upstream.statusCode();
        response.setStatusCode(status);
        String message = upstream.statusMessage();
        // The standard reason phrase is what setStatusCode gives: a custom one costs a new status per response.
        if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
            response.setStatusMessage(message);
        }
        ForwardedHeaders.copyResponse(upstream.headers(), response.headers());
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && mayHaveBody(exchange.request().method(), upstream.statusCode())) {
            response.setChunked(true);
        }
    }

    private void responseStartTimedOut(Exchange exchange, HttpClientRequest upstream, Promise<ProxyOutcome> outcome) {
        if (!exchange.isRelaying() || outcome.future().isComplete()) {
            return;
        }
        LOG.debugf("event=response-start-timeout revision=%s", exchange.revision());
        Replies.text(exchange.request(), 504, "revision " + exchange.revision() + " did not start responding within "
                + Replies.describe(java.time.Duration.ofMillis(exchange.responseStartMillis()))
                + " (responseStartTimeoutSeconds)");
        upstream.reset();
        outcome.tryComplete(ProxyOutcome.FAILED);
    }

    private void upstreamFailed(Exchange exchange, Throwable cause, Promise<ProxyOutcome> outcome) {
        if (exchange.isRelaying() && !outcome.future().isComplete()) {
            LOG.debugf("event=upstream-failed revision=%s cause=\"%s\"", exchange.revision(), cause.getMessage());
            if (cause instanceof TimeoutException) {
                Replies.text(exchange.request(), 504, "revision " + exchange.revision() + " sent nothing for "
                        + Replies.describe(java.time.Duration.ofMillis(exchange.idleMillis())) + " (idleTimeoutSeconds)");
            } else {
                Replies.text(exchange.request(), 502,
                        "revision " + exchange.revision() + " failed while answering: " + cause.getMessage());
            }
        }
        outcome.tryComplete(ProxyOutcome.FAILED);
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }
}
