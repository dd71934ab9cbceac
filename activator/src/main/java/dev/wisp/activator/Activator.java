package dev.wisp.activator;

import dev.wisp.activator.dispatch.EndpointQuarantine;
import dev.wisp.activator.dispatch.InstancePicker;
import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.ingress.IngressVerticle;
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
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The data plane of Wisp: an HTTP reverse proxy that routes requests by Host header to revision
 * instances, splits traffic between revisions, and holds requests while a revision scales from
 * zero. It serves clients on {@link ActivatorSettings#eventLoops()} event loops ({@link IngressVerticle}s
 * sharing one port), which share one {@link RevisionDispatcher} (queues, concurrency slots and
 * drains); it reports traffic to the autoscaler ({@link MetricsReporter}) and to Micrometer.
 * It is also the runtime's {@link InstanceDrain}.
 */
public final class Activator implements InstanceDrain {

    private static final Logger LOG = Logger.getLogger(Activator.class);
    /** How long an instance that refused a connection is skipped. */
    static final Duration QUARANTINE = Duration.ofMillis(250);
    /**
     * Vert.x shares a random port between servers that all ask for the same negative port. Quarkus's
     * own HTTP server asks for -1 (and nearby values) when its port is 0, so ours start far below.
     */
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private final Vertx vertx;
    private final ActivatorSettings settings;
    private final RoutingTable routes;
    private final InstanceDirectory instances;
    private final MetricsSink metrics;
    private final Clock clock;
    private final RevisionDispatcher dispatcher;
    private final TrafficLedger ledger;
    private final Queue<IngressVerticle> loops = new ConcurrentLinkedQueue<>();
    private volatile String deploymentId;
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

    /** Binds the servers; completes with the port they listen on (useful with port 0). */
    public synchronized Future<Integer> start() {
        if (deploymentId != null || running) {
            return Future.failedFuture(new IllegalStateException("activator already started"));
        }
        running = true;
        int bindPort = settings.port() == 0 ? -10_001 - SHARED_RANDOM_PORTS.getAndIncrement() : settings.port();
        IngressVerticle.Shared shared = new IngressVerticle.Shared(settings, bindPort, routes, instances, ledger,
                dispatcher, clock);
        SplittableRandom seeds = new SplittableRandom();
        instances.subscribe(this::instancesChanged);
        return vertx.deployVerticle(() -> newLoop(shared, seeds),
                        new DeploymentOptions().setInstances(settings.eventLoops()))
                .map(id -> {
                    deploymentId = id;
                    port = loops.peek().actualPort();
                    reporter = new MetricsReporter(vertx, ledger, metrics, clock, settings.metricsInterval());
                    reporter.start();
                    LOG.infof("event=activator-started host=%s port=%d eventLoops=%d", settings.host(), port,
                            settings.eventLoops());
                    return port;
                })
                .recover(cause -> {
                    running = false;
                    return Future.failedFuture(new IllegalStateException("activator could not listen on "
                            + settings.host() + ":" + settings.port() + ": " + cause.getMessage(), cause));
                });
    }

    /** Stops listening, closes connections to clients and instances, and stops reporting metrics. */
    public synchronized Future<Void> stop() {
        running = false;
        if (deploymentId == null) {
            return Future.succeededFuture();
        }
        reporter.stop();
        String id = deploymentId;
        deploymentId = null;
        return vertx.undeploy(id).onComplete(ar -> LOG.infof("event=activator-stopped port=%d", port));
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

    private IngressVerticle newLoop(IngressVerticle.Shared shared, SplittableRandom seeds) {
        IngressVerticle loop;
        synchronized (seeds) {
            loop = new IngressVerticle(shared, seeds.split());
        }
        loops.add(loop);
        return loop;
    }

    /** Called by the directory on any thread; the dispatcher is thread-safe. */
    private void instancesChanged(RevisionKey revision) {
        if (running) {
            dispatcher.instancesChanged(revision);
        }
    }
}
