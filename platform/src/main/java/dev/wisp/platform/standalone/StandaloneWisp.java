package dev.wisp.platform.standalone;

import dev.wisp.activator.Activator;
import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.LoopAffinity;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import dev.wisp.autoscaler.Autoscaler;
import dev.wisp.build.BuildController;
import dev.wisp.build.BuildSettings;
import dev.wisp.build.image.ImageLoader;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.platform.store.FileResourceStore;
import dev.wisp.serving.controller.ServingController;
import dev.wisp.serving.controller.ServingSettings;
import dev.wisp.serving.runtime.RoutingWorkloadRuntime;
import dev.wisp.serving.runtime.WorkloadRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * All of standalone Wisp in one process: the file store, the process runtime, the autoscaler, the
 * activator and the serving controller, wired through their interfaces. Started and stopped as one.
 */
public final class StandaloneWisp implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StandaloneWisp.class);

    private final FileResourceStore store;
    private final WorkloadRuntime runtime;
    private final Autoscaler autoscaler;
    private final Activator activator;
    private final ServingController controller;
    private final int ingressPort;
    private final StandaloneSettings settings;
    private boolean closed;
    /** The build controller (Source to URL), started after serving. */
    private BuildController builds;
    /** Loads OCI builds into the container engine; null without the container runtime. */
    private EngineImageLoader imageLoader;
    private StandaloneEventing eventing;
    /** The embedded Kafka while eventing starts, so that a stop in the meantime can abort it. */
    private volatile EmbeddedKafka startingKafka;

    private StandaloneWisp(FileResourceStore store, WorkloadRuntime runtime, Autoscaler autoscaler,
                           Activator activator, ServingController controller, int ingressPort,
                           StandaloneSettings settings) {
        this.settings = settings;
        this.store = store;
        this.runtime = runtime;
        this.autoscaler = autoscaler;
        this.activator = activator;
        this.controller = controller;
        this.ingressPort = ingressPort;
    }

    /** Starts every component; returns once the ingress listens and the store is reconciled. */
    public static StandaloneWisp start(StandaloneSettings settings, Vertx vertx) throws Exception {
        return start(settings, vertx, null);
    }

    /** Starts every component, the autoscaler publishing its per-revision state to {@code meters} (null for none). */
    public static StandaloneWisp start(StandaloneSettings settings, Vertx vertx, MeterRegistry meters) throws Exception {
        return start(settings, vertx, meters, Optional.empty());
    }

    /**
     * Starts every component; Builds of the maven strategy that produce OCI images build them on
     * {@code buildBaseImage} ({@code tar:///path/base.tar} or a registry reference; the other strategies
     * get none and such Builds fail with NoBaseImage), loaded into the container runtime's engine.
     */
    public static StandaloneWisp start(StandaloneSettings settings, Vertx vertx, MeterRegistry meters,
                                       Optional<String> buildBaseImage) throws Exception {
        Clock clock = Clock.systemUTC();
        FileResourceStore store = FileResourceStore.open(settings.stateDir().resolve("store"), clock);
        // The runtime drains an instance through the activator before stopping it; the activator needs the runtime.
        AtomicReference<InstanceDrain> drain = new AtomicReference<>(InstanceDrain.none());
        WorkloadRuntime runtime = settings.runtimes().start(settings.stateDir(), clock,
                (revision, instance, max) -> drain.get().drained(revision, instance, max));
        Autoscaler autoscaler = new Autoscaler(runtime, clock, settings.autoscalerTick(), meters);
        ConcurrentRoutingTable routing = new ConcurrentRoutingTable();
        // Loops unpinned: here the activator shares the machine (and its JVM) with the instances it serves, the
        // broker and the controllers, and a pinned loop cannot move away from a CPU they keep busy
        // (bench/wisp-up-ingress.sh: pinned 22.9-29.1k requests/s, unpinned 27.8-28.8k).
        Activator activator = new Activator(vertx, ActivatorSettings.defaults().withHost(settings.host())
                        .withPort(settings.ingressPort()).withLoopAffinity(LoopAffinity.OFF),
                routing, runtime, autoscaler, clock, meters == null ? new CompositeMeterRegistry() : meters);
        drain.set(activator);
        int port = activator.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        autoscaler.start();
        ServingController controller = new ServingController(store, runtime, autoscaler, routing,
                new ServingSettings(settings.domain(), port, settings.autoscalerDefaults(), Duration.ofSeconds(10),
                        settings.rolloutDuration(), settings.retainedRevisions()),
                clock);
        controller.start();
        StandaloneWisp wisp = new StandaloneWisp(store, runtime, autoscaler, activator, controller, port, settings);
        wisp.startBuilds(clock, buildBaseImage);
        return wisp;
    }

    /** Starts the build controller; with the container runtime running, its OCI builds are loaded into its engine. */
    private void startBuilds(Clock clock, Optional<String> baseImage) {
        BuildSettings buildSettings = BuildSettings.defaults(settings.stateDir());
        if (baseImage.isPresent()) {
            // The base archive build-base.sh writes holds a Java runtime: only Java (maven) apps run on it.
            buildSettings = buildSettings.withBaseImage(BuildStrategy.MAVEN, baseImage.get());
        }
        boolean containers = runtime instanceof RoutingWorkloadRuntime routing
                && routing.runtime(RuntimeAnnotation.CONTAINER).isPresent();
        if (containers) {
            imageLoader = settings.runtimes().resolve(System.getenv(), path -> path.toFile().exists()).socket()
                    .map(EngineImageLoader::open).orElse(null);
        }
        LOG.infof("event=builds-configured baseImage=%s imageLoader=%s", baseImage.orElse("none"),
                imageLoader == null ? "none" : "engine");
        builds = new BuildController(store, buildSettings, clock, Optional.<ImageLoader>ofNullable(imageLoader));
        builds.start();
    }

    /** The build controller: runs Builds and keeps their logs. */
    public BuildController builds() {
        return builds;
    }

    public FileResourceStore store() {
        return store;
    }

    public WorkloadRuntime runtime() {
        return runtime;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    public int ingressPort() {
        return ingressPort;
    }

    /**
     * Starts eventing (embedded or external Kafka, broker ingress, dispatchers) beside serving; Trigger
     * subscribers that are Services are reached through this Wisp's ingress. Blocks until it is up.
     */
    public StandaloneEventing startEventing(EventingOptions options, Vertx vertx) throws Exception {
        StandaloneEventing started = StandaloneEventing.start(options, store, vertx, settings.stateDir(),
                settings.host(), settings.domain(), ingressPort, Clock.systemUTC(), kafka -> startingKafka = kafka);
        synchronized (this) {
            if (!closed) {
                eventing = started;
                return started;
            }
        }
        started.close();
        throw new IllegalStateException("wisp stopped while eventing was starting");
    }

    /** Eventing, once {@link #startEventing} returned; null before (or when disabled). */
    public synchronized StandaloneEventing eventing() {
        return eventing;
    }

    /** Stops accepting requests, stops the controllers and stops every instance; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("wisp stopping");
        if (eventing != null) {
            eventing.close();
        } else if (startingKafka != null) {
            startingKafka.abort();
        }
        if (builds != null) {
            builds.close();
        }
        if (imageLoader != null) {
            imageLoader.close();
        }
        controller.close();
        autoscaler.close();
        try {
            activator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("activator stop failed error=%s", e.toString());
        }
        runtime.close();
        LOG.info("wisp stopped");
    }
}
