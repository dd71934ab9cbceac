package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.DaemonSchedulers;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.RevisionHealth;
import dev.wisp.serving.runtime.RevisionKeys;
import dev.wisp.serving.runtime.RevisionRegistry;
import dev.wisp.serving.runtime.RuntimeListeners;
import dev.wisp.serving.runtime.WorkloadRuntime;
import dev.wisp.serving.runtime.process.InstanceIds;
import dev.wisp.serving.runtime.process.InstanceLogs;
import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import dev.wisp.serving.runtime.process.ReadinessProber;
import dev.wisp.serving.runtime.process.RestartBackoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs revisions as OCI containers through a Docker-compatible engine (the standalone
 * {@code container} runtime): each instance is a container of the revision's image, pinned to a
 * digest, with Knative's environment, published on 127.0.0.1, probed, restarted after exits and
 * removed when stopped. Its containers carry this Wisp's owner label; on construction it removes
 * those a previous run left behind.
 */
public final class ContainerRuntime implements WorkloadRuntime {

    private static final Logger LOG = Logger.getLogger(ContainerRuntime.class);
    private static final Duration ENGINE_BOUND = Duration.ofSeconds(30);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    private final ContainerRuntimeSettings settings;
    private final EngineClient engine;
    private final ImageResolver images;
    private final ContainerServices services;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService probePool;
    private final RevisionRegistry registry;

    /**
     * Connects to the engine (failing with the reason when it does not answer), removes this
     * Wisp's leftover containers and starts the runtime; instances are drained through {@code drain}.
     */
    public ContainerRuntime(ContainerRuntimeSettings settings, Clock clock, InstanceDrain drain) {
        this.settings = settings;
        this.engine = EngineClient.open(settings.engineSocket());
        ProcessRuntimeSettings timings = settings.timings();
        String owner = ContainerLabels.ownerOf(timings.stateDir());
        try {
            engine.ping().toCompletionStage().toCompletableFuture().get(ENGINE_BOUND.toSeconds(), TimeUnit.SECONDS);
            int removed = new LeftoverContainers(engine, owner).removeAll(ENGINE_BOUND);
            LOG.infof("event=container-runtime-started socket=%s owner=%s leftoverContainersRemoved=%d",
                    settings.engineSocket(), owner, removed);
        } catch (Exception e) {
            engine.close();
            throw new IllegalStateException("no container engine answers on " + settings.engineSocket()
                    + " (start one, e.g. `podman system service unix://" + settings.engineSocket() + "`): "
                    + e.getMessage(), e);
        }
        this.images = new ImageResolver(engine, settings.imagePinsDir());
        this.scheduler = DaemonSchedulers.create("wisp-container-runtime", 2);
        this.probePool = DaemonSchedulers.create("wisp-container-probe", 1);
        RuntimeListeners listeners = new RuntimeListeners();
        this.registry = new RevisionRegistry(LOG, listeners);
        this.services = new ContainerServices(timings, clock, scheduler,
                new InstanceContainers(engine, images, owner, clock),
                new ReadinessProber(probePool, timings.probeInterval()), new InstanceLogs(timings.logsDir()),
                new InstanceIds(), new RestartBackoff(timings.restartBackoffInitial(), timings.restartBackoffMax()),
                listeners, drain);
    }

    @Override
    public void ensure(Revision revision) {
        if (registry.isClosed()) {
            throw new IllegalStateException("the container runtime is closed");
        }
        RevisionKey key = RevisionKeys.of(revision);
        if (registry.register(key, k -> ContainerRevision.of(k, revision, services), existing -> { })) {
            LOG.infof("event=revision-registered revision=%s runtime=container", key);
            // Pin the image now, as Knative resolves digests when a revision is created.
            images.resolve(key, ContainerSpec.firstContainer(revision).getImage())
                    .whenComplete((pin, error) -> services.listeners().healthChanged(key));
            services.listeners().healthChanged(key);
        }
    }

    @Override
    public void remove(RevisionKey revision) {
        registry.remove(revision, () -> {
            if (!registry.isClosed()) {
                images.forget(revision);
            }
        });
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        registry.setDesiredScale(revision, desired);
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        return registry.readyInstances(revision);
    }

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        return registry.endpoints(revision);
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        services.listeners().subscribeEndpoints(listener);
    }

    @Override
    public RevisionHealth health(RevisionKey revision) {
        return registry.health(revision);
    }

    @Override
    public List<InstanceInfo> instances(RevisionKey revision) {
        return registry.instances(revision);
    }

    /** The image the revision runs, pinned to its digest, once resolved. */
    public Optional<PinnedImage> image(RevisionKey revision) {
        return images.pinned(revision);
    }

    @Override
    public Optional<String> imageDigest(RevisionKey revision) {
        return images.pinned(revision).map(PinnedImage::digest);
    }

    @Override
    public List<Path> logFiles(RevisionKey revision) {
        return services.logs().filesOf(revision);
    }

    @Override
    public void onHealthChange(Consumer<RevisionKey> listener) {
        services.listeners().subscribeHealth(listener);
    }

    @Override
    public void close() {
        if (registry.isClosed()) {
            return;
        }
        registry.closeAndRemoveAll(this::remove);
        Duration bound = settings.timings().terminationGracePeriod().plus(CLOSE_MARGIN);
        try {
            registry.awaitRetired(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("event=close-incomplete waitedMillis=%d revisions=%s error=%s", bound.toMillis(),
                    registry.stillRetiring(), e);
        }
        probePool.shutdownNow();
        scheduler.shutdownNow();
        engine.close();
        LOG.infof("event=container-runtime-closed");
    }
}
