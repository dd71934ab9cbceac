package dev.wisp.activator;

import dev.wisp.api.dataplane.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Vert.x HTTP server on a free loopback port standing in for a revision instance: it
 * records the headers it saw and how many requests it served at once.
 */
final class UpstreamServer {

    final List<MultiMap> seenHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    private final String id;
    private HttpServer server;

    private UpstreamServer(String id) {
        this.id = id;
    }

    /** Starts a server whose requests {@code handler} answers. */
    static UpstreamServer start(Vertx vertx, String id, Handler<HttpServerRequest> handler) throws Exception {
        UpstreamServer upstream = new UpstreamServer(id);
        upstream.server = vertx.createHttpServer()
                .requestHandler(request -> upstream.track(request, handler))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return upstream;
    }

    /** Starts a server that accepts WebSocket handshakes and gives each socket to {@code handler}. */
    static UpstreamServer startWebSocket(Vertx vertx, String id, Handler<io.vertx.core.http.ServerWebSocket> handler)
            throws Exception {
        UpstreamServer upstream = new UpstreamServer(id);
        upstream.server = vertx.createHttpServer()
                .webSocketHandler(handler)
                .requestHandler(request -> request.response().setStatusCode(400).end("websocket only"))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return upstream;
    }

    /** Starts a server answering 200 with its id as body. */
    static UpstreamServer answeringWithId(Vertx vertx, String id) throws Exception {
        return start(vertx, id, request -> request.response().end(id));
    }

    Endpoint endpoint() {
        return new Endpoint(id, "127.0.0.1", server.actualPort());
    }

    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void track(HttpServerRequest request, Handler<HttpServerRequest> handler) {
        seenHeaders.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        AtomicBoolean done = new AtomicBoolean();
        request.response().endHandler(v -> finished(done));
        request.response().closeHandler(v -> finished(done));
        handler.handle(request);
    }

    private void finished(AtomicBoolean done) {
        if (done.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
            served.incrementAndGet();
        }
    }
}
