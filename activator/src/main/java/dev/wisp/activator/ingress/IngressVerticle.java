package dev.wisp.activator.ingress;

import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.handler.HostRouter;
import dev.wisp.activator.handler.RevisionGate;
import dev.wisp.activator.handler.TrafficSplitter;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.activator.timing.LoopDeadlines;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RoutingTable;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One event loop of the activator: an HTTP server sharing the activator's port with the other
 * loops, its own connection pool to instances, its own handler chain ({@link HostRouter} ->
 * {@link TrafficSplitter} -> {@link RevisionGate}) and {@link ConnectionGuard}; the
 * {@link RevisionDispatcher} and {@link TrafficLedger} are shared by all loops.
 */
public final class IngressVerticle extends AbstractVerticle {

    /** What every loop shares. */
    public record Shared(ActivatorSettings settings, int bindPort, RoutingTable routes, InstanceDirectory directory,
                         TrafficLedger ledger, RevisionDispatcher dispatcher, Clock clock) {
    }

    private static final long SWEEP_MILLIS = 1000;

    private final Shared shared;
    private final SplittableRandom random;
    private HttpServer server;
    private HttpClient client;
    private LoopDeadlines<Exchange> deadlines;

    public IngressVerticle(Shared shared, SplittableRandom random) {
        this.shared = shared;
        this.random = random;
    }

    @Override
    public void start(Promise<Void> started) {
        ActivatorSettings settings = shared.settings();
        client = UpstreamProxy.createClient(vertx);
        deadlines = new LoopDeadlines<>(vertx, shared.dispatcher()::expire);
        RevisionGate gate = new RevisionGate(deadlines, shared.directory(), shared.ledger(), shared.dispatcher(),
                shared.clock(), context, Thread.currentThread(), new UpstreamProxy(vertx, client));
        HostRouter router = new HostRouter(shared.routes(), new TrafficSplitter(random, gate));
        ConnectionGuard guard = new ConnectionGuard(settings.headerTimeout(), settings.keepAliveTimeout());
        server = vertx.createHttpServer(serverOptions(settings, shared.bindPort()))
                .connectionHandler(connection -> guard.connected(connection, System.nanoTime()))
                .invalidRequestHandler(new InvalidRequestReplies(settings.maxHeaderSize(),
                        settings.maxRequestLineLength()))
                .requestHandler(request -> handle(guard, router, request));
        vertx.setPeriodic(SWEEP_MILLIS, id -> guard.sweep(System.nanoTime()));
        server.listen().<Void>mapEmpty().onComplete(started);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        deadlines.close();
        server.close().eventually(() -> client.close()).onComplete(stopped);
    }

    /** The port this loop's server listens on. */
    public int actualPort() {
        return server.actualPort();
    }

    private static void handle(ConnectionGuard guard, HostRouter router, HttpServerRequest request) {
        guard.requestStarted(request);
        router.handle(request);
    }

    private static HttpServerOptions serverOptions(ActivatorSettings settings, int port) {
        return new HttpServerOptions()
                .setHost(settings.host())
                .setPort(port)
                .setTcpNoDelay(true)
                // the first request's header deadline; ConnectionGuard removes it once the request arrived
                .setIdleTimeout((int) settings.headerTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(true)
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxInitialLineLength(settings.maxRequestLineLength())
                .setDecompressionSupported(false)
                .setCompressionSupported(false)
                // Upgrades are tunnelled to the instance as bytes: no WebSocket extension handler per connection.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
    }
}
