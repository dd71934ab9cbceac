package dev.wisp.serving.runtime.process;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs revisions as local processes (the standalone {@code process} runtime): each instance runs
 * {@code containers[0].command} and {@code args} with {@code PORT} and Knative's {@code K_*}
 * variables, logs to {@code {stateDir}/logs}, is probed for readiness, restarted after crashes
 * and stopped with its whole process tree. On construction it stops the instances a crashed
 * previous run left behind.
 */
public final class ProcessRuntime implements WorkloadRuntime {

    private static final Logger LOG = Logger.getLogger(ProcessRuntime.class);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(3);

    private final ProcessRuntimeSettings settings;
    private final RuntimeServices services;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService probePool;
    private final RevisionRegistry registry;

    public ProcessRuntime(ProcessRuntimeSettings settings, Clock clock) {
        this(settings, clock, InstanceDrain.none());
    }

    /**
     * A runtime that, before stopping an instance it took out of rotation, waits (bounded by the
     * revision's timeout) until {@code drain} says its in-flight requests are finished.
     */
    public ProcessRuntime(ProcessRuntimeSettings settings, Clock clock, InstanceDrain drain) {
        this.settings = Objects.requireNonNull(settings, "settings");
        createDirectories(settings);
        this.scheduler = DaemonSchedulers.create("wisp-process-runtime", 2);
        this.probePool = DaemonSchedulers.create("wisp-process-probe", 2);
        InstanceRecords records = new InstanceRecords(settings.instancesDir());
        ProcessTreeTerminator terminator = new ProcessTreeTerminator(scheduler, settings.terminationGracePeriod());
        int reaped = new StaleProcessReaper(records, terminator).reap();
        PortAllocator ports = new PortAllocator();
        RuntimeListeners listeners = new RuntimeListeners();
        this.registry = new RevisionRegistry(LOG, listeners);
        this.services = new RuntimeServices(settings, clock, scheduler,
                new InstanceLauncher(new EnvironmentBuilder(System.getenv()), ports, records),
                new ReadinessProber(probePool, settings.probeInterval()), terminator, records, ports,
                new InstanceLogs(settings.logsDir()), new InstanceIds(),
                new RestartBackoff(settings.restartBackoffInitial(), settings.restartBackoffMax()),
                listeners, Objects.requireNonNull(drain, "drain"));
        LOG.infof("event=process-runtime-started stateDir=%s staleInstancesStopped=%d", settings.stateDir(), reaped);
    }

    @Override
    public void ensure(Revision revision) {
        requireOpen();
        RevisionKey key = RevisionKeys.of(revision);
        if (registry.register(key, k -> RevisionInstances.of(k, revision, services), existing -> existing.update(revision))) {
            LOG.infof("event=revision-registered revision=%s", key);
            services.listeners().healthChanged(key);
        }
    }

    @Override
    public void remove(RevisionKey revision) {
        registry.remove(revision, () -> { });
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        if (!registry.setDesiredScale(revision, desired)) {
            LOG.infof("event=scale-ignored revision=%s desired=%d reason=%s", revision, desired,
                    registry.isClosed() ? "closed" : "not-registered");
        }
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
        List<RevisionKey> keys = registry.closeAndRemoveAll(this::remove);
        Duration bound = settings.terminationGracePeriod().plus(CLOSE_MARGIN);
        try {
            registry.awaitRetired(bound);
        } catch (TimeoutException e) {
            LOG.warnf("event=close-timeout waitedMillis=%d revisions=%s", bound.toMillis(), registry.stillRetiring());
        } catch (ExecutionException e) {
            LOG.warnf("event=close-failed error=%s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probePool.shutdownNow();
        scheduler.shutdownNow();
        LOG.infof("event=process-runtime-closed revisions=%d", keys.size());
    }

    private void requireOpen() {
        if (registry.isClosed()) {
            throw new IllegalStateException("the process runtime is closed");
        }
    }

    private static void createDirectories(ProcessRuntimeSettings settings) {
        try {
            Files.createDirectories(settings.logsDir());
            Files.createDirectories(settings.instancesDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + settings.stateDir(), e);
        }
    }
}
