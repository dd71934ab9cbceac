package dev.wisp.eventing.receiver;

import dev.wisp.eventing.kafka.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.jboss.logging.Logger;

/** The broker ingress: a Vert.x HTTP server accepting CloudEvents at {@code /{namespace}/{broker}}. */
public final class BrokerReceiver {
    private static final Logger LOG = Logger.getLogger(BrokerReceiver.class);

    private final Vertx vertx;
    private final ReceiverSettings settings;
    private final IngressHandler handler;
    private HttpServer server;

    public BrokerReceiver(Vertx vertx, ReceiverSettings settings, BrokerDirectory brokers, EventPublisher publisher) {
        this.vertx = vertx;
        this.settings = settings;
        this.handler = new IngressHandler(vertx, brokers, publisher, settings.maxEventBytes());
    }

    /** Starts listening; completes with the bound port. */
    public synchronized Future<Integer> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setMaxHeaderSize(64 * 1024).setHttp2ClearTextEnabled(false));
        return server.requestHandler(handler).listen().map(s -> {
            LOG.infof("broker receiver listening host=%s port=%d maxEventBytes=%d", settings.host(),
                    s.actualPort(), settings.maxEventBytes());
            return s.actualPort();
        });
    }

    public synchronized Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
