package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.RevisionHealth;
import dev.wisp.serving.runtime.WorkloadRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final String DEFAULT_NAMESPACE = "default";

    private final ProcessRuntimeSettings settings;
    private final RuntimeServices services;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService probePool;
    private final Map<RevisionKey, RevisionInstances> revisions = new ConcurrentHashMap<>();
    /** Revisions removed while their instances were still stopping; close() waits for them too. */
    private final Map<RevisionKey, CompletableFuture<Void>> retiring = new ConcurrentHashMap<>();
    private volatile boolean closed;

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
        this.scheduler = pool("wisp-process-runtime", 2);
        this.probePool = pool("wisp-process-probe", 2);
        InstanceRecords records = new InstanceRecords(settings.instancesDir());
        ProcessTreeTerminator terminator = new ProcessTreeTerminator(scheduler, settings.terminationGracePeriod());
        int reaped = new StaleProcessReaper(records, terminator).reap();
        PortAllocator ports = new PortAllocator();
        this.services = new RuntimeServices(settings, clock, scheduler,
                new InstanceLauncher(new EnvironmentBuilder(System.getenv()), ports, records),
                new ReadinessProber(probePool, settings.probeInterval()), terminator, records, ports,
                new InstanceLogs(settings.logsDir()), new InstanceIds(),
                new RestartBackoff(settings.restartBackoffInitial(), settings.restartBackoffMax()),
                new RuntimeListeners(), Objects.requireNonNull(drain, "drain"));
        LOG.infof("event=process-runtime-started stateDir=%s staleInstancesStopped=%d", settings.stateDir(), reaped);
    }

    @Override
    public void ensure(Revision revision) {
        requireOpen();
        RevisionKey key = keyOf(revision);
        boolean[] added = {false};
        revisions.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.update(revision);
                return existing;
            }
            added[0] = true;
            return new RevisionInstances(k, revision, services);
        });
        if (added[0]) {
            LOG.infof("event=revision-registered revision=%s", key);
            services.listeners().healthChanged(key);
        }
    }

    @Override
    public void remove(RevisionKey revision) {
        RevisionInstances instances = revisions.remove(revision);
        if (instances == null) {
            return;
        }
        LOG.infof("event=revision-removed revision=%s", revision);
        CompletableFuture<Void> gone = instances.retire();
        retiring.put(revision, gone);
        gone.whenComplete((ignored, error) -> retiring.remove(revision, gone));
        services.listeners().endpointsChanged(revision);
        services.listeners().healthChanged(revision);
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        RevisionInstances instances = revisions.get(revision);
        if (instances == null || closed) {
            LOG.infof("event=scale-ignored revision=%s desired=%d reason=%s", revision, desired,
                    closed ? "closed" : "not-registered");
            return;
        }
        instances.setDesired(desired);
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        RevisionInstances instances = revisions.get(revision);
        return instances == null ? 0 : instances.readyCount();
    }

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        RevisionInstances instances = revisions.get(revision);
        return instances == null ? RevisionEndpoints.unknown(revision) : instances.endpoints();
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        services.listeners().subscribeEndpoints(listener);
    }

    @Override
    public RevisionHealth health(RevisionKey revision) {
        RevisionInstances instances = revisions.get(revision);
        return instances == null ? RevisionHealth.unregistered() : instances.health();
    }

    @Override
    public List<InstanceInfo> instances(RevisionKey revision) {
        RevisionInstances instances = revisions.get(revision);
        return instances == null ? List.of() : instances.instances();
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
        if (closed) {
            return;
        }
        closed = true;
        List<RevisionKey> keys = List.copyOf(revisions.keySet());
        keys.forEach(this::remove);
        CompletableFuture<Void> allGone = CompletableFuture.allOf(retiring.values().toArray(CompletableFuture[]::new));
        Duration bound = settings.terminationGracePeriod().plus(CLOSE_MARGIN);
        try {
            allGone.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("event=close-timeout waitedMillis=%d revisions=%s", bound.toMillis(), retiring.keySet());
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
        if (closed) {
            throw new IllegalStateException("the process runtime is closed");
        }
    }

    private static RevisionKey keyOf(Revision revision) {
        if (revision.getMetadata() == null || revision.getMetadata().getName() == null) {
            throw new IllegalArgumentException("a revision needs metadata.name to run");
        }
        String namespace = revision.getMetadata().getNamespace();
        return new RevisionKey(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace,
                revision.getMetadata().getName());
    }

    private static void createDirectories(ProcessRuntimeSettings settings) {
        try {
            Files.createDirectories(settings.logsDir());
            Files.createDirectories(settings.instancesDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + settings.stateDir(), e);
        }
    }

    private static ScheduledExecutorService pool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, factory);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
