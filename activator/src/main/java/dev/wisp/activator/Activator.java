package dev.wisp.activator;

import dev.wisp.activator.dispatch.EndpointQuarantine;
import dev.wisp.activator.dispatch.InstancePicker;
import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.ingress.IngressServer;
import dev.wisp.activator.metrics.ActivatorMeters;
import dev.wisp.activator.metrics.MetricsReporter;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.RoutingTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The data plane of Wisp: an HTTP reverse proxy that routes requests by Host header to revision
 * instances, splits traffic between revisions, and holds requests while a revision scales from
 * zero. It serves clients on {@link ActivatorSettings#eventLoops()} Netty event loops of its own
 * ({@link IngressServer}), which share one {@link RevisionDispatcher} (queues, concurrency slots and
 * drains); it reports traffic to the autoscaler ({@link MetricsReporter}) and to Micrometer.
 * It is also the runtime's {@link InstanceDrain}.
 */
public final class Activator implements InstanceDrain {

    private static final Logger LOG = Logger.getLogger(Activator.class);
    /** How long an instance that refused a connection is skipped. */
    static final Duration QUARANTINE = Duration.ofMillis(250);

    private final Vertx vertx;
    private final ActivatorSettings settings;
    private final RoutingTable routes;
    private final InstanceDirectory instances;
    private final MetricsSink metrics;
    private final Clock clock;
    private final RevisionDispatcher dispatcher;
    private final TrafficLedger ledger;
    private IngressServer server;
    private volatile boolean running;
    private volatile int port = -1;
    private MetricsReporter reporter;

    public Activator(Vertx vertx, ActivatorSettings settings, RoutingTable routes, InstanceDirectory instances,
                     MetricsSink metrics, Clock clock) {
        this(vertx, settings, routes, instances, metrics, clock, new CompositeMeterRegistry());
    }

    /** An activator that also records its request metrics in {@code registry} (served on /q/metrics). */
    public Activator(Vertx vertx, ActivatorSettings settings, RoutingTable routes, InstanceDirectory instances,
                     MetricsSink metrics, Clock clock, MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.routes = routes;
        this.instances = instances;
        this.metrics = metrics;
        this.clock = clock;
        this.ledger = new TrafficLedger(clock.instant());
        this.dispatcher = new RevisionDispatcher(new RevisionDispatcher.Collaborators(vertx, instances, metrics,
                ledger, new ActivatorMeters(registry), new InstancePicker(new SplittableRandom()),
                new EndpointQuarantine(QUARANTINE), clock), settings.maxQueuedPerRevision());
    }

    /** Binds the server; completes with the port it listens on (useful with port 0). */
    public synchronized Future<Integer> start() {
        if (server != null || running) {
            return Future.failedFuture(new IllegalStateException("activator already started"));
        }
        running = true;
        IngressServer starting = new IngressServer(new IngressServer.Shared(settings, routes, instances, ledger,
                dispatcher, clock));
        server = starting;
        instances.subscribe(this::instancesChanged);
        Promise<Integer> started = Promise.promise();
        starting.start().whenComplete((boundPort, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    running = false;
                    server = null;
                }
                started.fail(new IllegalStateException("activator could not listen on " + settings.host() + ":"
                        + settings.port() + ": " + failure.getMessage(), failure));
                return;
            }
            port = boundPort;
            reporter = new MetricsReporter(vertx, ledger, metrics, clock, settings.metricsInterval());
            reporter.start();
            LOG.infof("event=activator-started host=%s port=%d eventLoops=%d transport=%s loops=\"%s\"",
                    settings.host(), port, settings.eventLoops(), starting.nativeTransport() ? "epoll" : "nio",
                    starting.loopCpus());
            started.complete(port);
        });
        return started.future();
    }

    /** Stops listening, closes connections to clients and instances, and stops reporting metrics. */
    public synchronized Future<Void> stop() {
        running = false;
        IngressServer stopping = server;
        if (stopping == null) {
            return Future.succeededFuture();
        }
        server = null;
        if (reporter != null) {
            reporter.stop();
        }
        Promise<Void> stopped = Promise.promise();
        stopping.stop().whenComplete((ignored, failure) -> {
            LOG.infof("event=activator-stopped port=%d", port);
            stopped.complete();
        });
        return stopped.future();
    }

    /**
     * The CPUs each event loop may run on, as the kernel lists them ({@code 1} when pinned to CPU 1,
     * {@code 0-3} when free to use four); empty before the activator started.
     */
    public synchronized CompletionStage<List<String>> loopAffinities() {
        return server == null ? CompletableFuture.completedFuture(List.of()) : server.loopAffinities();
    }

    /** The port the activator listens on, or -1 before it started. */
    public int port() {
        return port;
    }

    @Override
    public CompletionStage<Void> drained(RevisionKey revision, String instanceId, Duration max) {
        return dispatcher.drained(revision, instanceId, max);
    }

    /** Requests waiting for {@code revision} right now. */
    public int waiting(RevisionKey revision) {
        return dispatcher.waiting(revision);
    }

    /** Called by the directory on any thread; the dispatcher is thread-safe. */
    private void instancesChanged(RevisionKey revision) {
        if (running) {
            dispatcher.instancesChanged(revision);
        }
    }
}
