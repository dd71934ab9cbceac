package dev.wisp.activator;

import dev.wisp.activator.dispatch.EndpointQuarantine;
import dev.wisp.activator.dispatch.InstancePicker;
import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.handler.HostRouter;
import dev.wisp.activator.handler.RevisionGate;
import dev.wisp.activator.handler.TrafficSplitter;
import dev.wisp.activator.metrics.MetricsReporter;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.RoutingTable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.jboss.logging.Logger;

/**
 * The data plane of Wisp: an HTTP reverse proxy that routes requests by Host header to revision
 * instances, splits traffic between revisions, and holds requests while a revision scales from
 * zero. Everything runs on one Vert.x event-loop context; this class only wires the handlers
 * ({@link HostRouter} -> {@link TrafficSplitter} -> {@link RevisionGate} -> {@link RevisionDispatcher}
 * -> {@link UpstreamProxy}) and the {@link MetricsReporter}.
 */
public final class Activator {

    private static final Logger LOG = Logger.getLogger(Activator.class);
    /** How long an instance that refused a connection is skipped. */
    static final Duration QUARANTINE = Duration.ofMillis(250);

    private final Vertx vertx;
    private final ActivatorSettings settings;
    private final RoutingTable routes;
    private final InstanceDirectory instances;
    private final MetricsSink metrics;
    private final Clock clock;
    private Context context;
    private HttpServer server;
    private HttpClient client;
    private MetricsReporter reporter;
    private RevisionDispatcher dispatcher;
    private volatile boolean running;
    private volatile int port = -1;

    public Activator(Vertx vertx, ActivatorSettings settings, RoutingTable routes, InstanceDirectory instances,
                     MetricsSink metrics, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.routes = routes;
        this.instances = instances;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Binds the server; completes with the port it listens on (useful with port 0). */
    public synchronized Future<Integer> start() {
        if (context != null) {
            return Future.failedFuture(new IllegalStateException("activator already started"));
        }
        context = vertx.getOrCreateContext();
        Promise<Integer> started = Promise.promise();
        context.runOnContext(v -> startOnContext(started));
        return started.future();
    }

    /** Stops listening, closes connections to clients and instances, and stops reporting metrics. */
    public synchronized Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> stopOnContext(stopped));
        return stopped.future();
    }

    /** The port the activator listens on, or -1 before it started. */
    public int port() {
        return port;
    }

    private void startOnContext(Promise<Integer> started) {
        TrafficLedger ledger = new TrafficLedger(clock.instant());
        client = UpstreamProxy.createClient(vertx);
        SplittableRandom random = new SplittableRandom();
        dispatcher = new RevisionDispatcher(new RevisionDispatcher.Collaborators(vertx, instances, metrics, ledger,
                new UpstreamProxy(client), new InstancePicker(random.split()), new EndpointQuarantine(QUARANTINE),
                clock), settings.maxQueuedPerRevision());
        RevisionGate gate = new RevisionGate(vertx, instances, ledger, dispatcher, clock);
        HostRouter router = new HostRouter(routes, new TrafficSplitter(random.split(), gate));
        reporter = new MetricsReporter(vertx, ledger, metrics, clock, settings.metricsInterval());
        running = true;
        instances.subscribe(this::instancesChanged);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()));
        server.requestHandler(router).listen()
                .onSuccess(bound -> {
                    port = bound.actualPort();
                    reporter.start();
                    LOG.infof("event=activator-started host=%s port=%d", settings.host(), port);
                    started.complete(port);
                })
                .onFailure(cause -> {
                    running = false;
                    client.close();
                    started.fail(new IllegalStateException("activator could not listen on " + settings.host()
                            + ":" + settings.port() + ": " + cause.getMessage(), cause));
                });
    }

    private void stopOnContext(Promise<Void> stopped) {
        running = false;
        reporter.stop();
        server.close()
                .eventually(() -> client.close())
                .onComplete(ar -> {
                    LOG.infof("event=activator-stopped port=%d", port);
                    stopped.complete();
                });
    }

    /** Called by the directory on any thread: hop onto the activator's context first. */
    private void instancesChanged(RevisionKey revision) {
        if (running) {
            context.runOnContext(v -> {
                if (running) {
                    dispatcher.instancesChanged(revision);
                }
            });
        }
    }
}
