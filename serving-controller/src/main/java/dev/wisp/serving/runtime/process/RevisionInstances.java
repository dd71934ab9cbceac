package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.RevisionHealth;
import dev.wisp.serving.runtime.ServingEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The instances of one revision and the state machine that converges them to the desired scale:
 * start, probe, mark ready, restart after crashes with backoff, and stop (endpoints first, then
 * the process tree). Every change happens under this object's lock; listeners are called after.
 */
final class RevisionInstances {

    private static final Logger LOG = Logger.getLogger(RevisionInstances.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final RevisionKey key;
    private final RuntimeServices services;
    private final List<InstanceProcess> instances = new ArrayList<>();
    private Revision revision;
    private int desired;
    private boolean retired;
    private boolean everReady;
    private InstanceFailure lastFailure;
    private long nextSequence;

    RevisionInstances(RevisionKey key, Revision revision, RuntimeServices services) {
        this.key = key;
        this.revision = revision;
        this.services = services;
    }

    synchronized void update(Revision refreshed) {
        this.revision = refreshed;
    }

    /** Records the desired scale now and converges to it on the scheduler. */
    void setDesired(int count) {
        synchronized (this) {
            desired = Math.max(0, count);
        }
        services.scheduler().execute(() -> act(this::converge));
    }

    /** Stops every instance for good; the future completes once all their processes are gone. */
    CompletableFuture<Void> retire() {
        PendingChanges changes = new PendingChanges();
        CompletableFuture<?>[] gone;
        synchronized (this) {
            retired = true;
            desired = 0;
            converge(changes);
            gone = instances.stream().map(i -> i.gone).toArray(CompletableFuture[]::new);
        }
        changes.publish(key, services.listeners());
        return CompletableFuture.allOf(gone);
    }

    synchronized int readyCount() {
        return (int) instances.stream().filter(i -> i.state == State.READY).count();
    }

    synchronized RevisionEndpoints endpoints() {
        List<Endpoint> ready = instances.stream().filter(i -> i.state == State.READY)
                .map(i -> new Endpoint(i.id, LOOPBACK, i.port)).toList();
        return ServingEndpoints.of(key, revision, ready);
    }

    synchronized RevisionHealth health() {
        return new RevisionHealth(true, desired, readyCount(), everReady, Optional.ofNullable(lastFailure));
    }

    synchronized List<InstanceInfo> instances() {
        return instances.stream().map(InstanceProcess::info).toList();
    }

    /** Runs a state change under the lock, then announces it without the lock. */
    private void act(Consumer<PendingChanges> change) {
        PendingChanges changes = new PendingChanges();
        synchronized (this) {
            change.accept(changes);
        }
        changes.publish(key, services.listeners());
    }

    private void converge(PendingChanges changes) {
        int target = retired ? 0 : desired;
        List<InstanceProcess> active = instances.stream().filter(InstanceProcess::isActive).toList();
        for (int i = active.size(); i < target; i++) {
            startNew(changes);
        }
        if (active.size() > target) {
            List<String> victims = ScaleDownOrder.victims(
                    active.stream().map(InstanceProcess::candidate).toList(), active.size() - target);
            active.stream().filter(i -> victims.contains(i.id)).forEach(i -> stop(i, changes));
        }
    }

    private void startNew(PendingChanges changes) {
        String id = services.ids().next(key.name(), this::isTaken);
        InstanceProcess instance = new InstanceProcess(id, nextSequence++, services.logs().fileOf(key, id));
        instances.add(instance);
        launch(instance, changes);
    }

    private boolean isTaken(String id) {
        return instances.stream().anyMatch(i -> i.id.equals(id))
                || services.logs().fileOf(key, id).toFile().exists();
    }

    private void launch(InstanceProcess instance, PendingChanges changes) {
        instance.startedAt = services.clock().instant();
        instance.state = State.STARTING;
        try {
            InstanceLauncher.Launched launched = services.launcher().launch(key, revision, instance.id, instance.logFile);
            watch(instance, launched);
            LOG.infof("event=instance-started revision=%s instance=%s pid=%d port=%d restarts=%d",
                    key, instance.id, launched.process().pid(), launched.port(), instance.restarts);
        } catch (LaunchFailure failure) {
            instance.process = null;
            instance.state = State.CRASHED;
            recordFailure(instance, FailureMessages.launchFailed(failure, services.clock().instant()), changes);
            scheduleRestart(instance);
        }
        changes.healthChanged();
    }

    private void watch(InstanceProcess instance, InstanceLauncher.Launched launched) {
        Process process = launched.process();
        instance.process = process;
        instance.port = launched.port();
        instance.portHeld = true;
        instance.probe = services.prober().watch(launched.probe(), () -> act(c -> onReady(instance, process, c)));
        Duration timeout = services.settings().startupTimeout();
        instance.startupTimer = services.scheduler().schedule(
                () -> act(c -> onStartupTimeout(instance, launched, c)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        process.onExit().thenRunAsync(() -> act(c -> onExit(instance, process, c)), services.scheduler());
    }

    private void onReady(InstanceProcess instance, Process process, PendingChanges changes) {
        if (!instance.isCurrent(process) || instance.state != State.STARTING) {
            return;
        }
        instance.cancelTimers();
        instance.state = State.READY;
        instance.readySince = services.clock().instant();
        everReady = true;
        lastFailure = null;
        changes.endpointsChanged();
        LOG.infof("event=instance-ready revision=%s instance=%s port=%d startupMillis=%d", key, instance.id,
                instance.port, Duration.between(instance.startedAt, instance.readySince).toMillis());
    }

    private void onStartupTimeout(InstanceProcess instance, InstanceLauncher.Launched launched, PendingChanges changes) {
        if (!instance.isCurrent(launched.process()) || instance.state != State.STARTING) {
            return;
        }
        instance.cancelTimers();
        instance.state = State.CRASHED;
        recordFailure(instance, FailureMessages.probeTimeout(services.settings().startupTimeout(), launched.probe(),
                instance.logFile, services.clock().instant()), changes);
        // The exit that follows schedules the restart.
        changes.afterPublish(() -> services.terminator().terminate(launched.process().toHandle()));
    }

    private void onExit(InstanceProcess instance, Process process, PendingChanges changes) {
        if (!instance.isCurrent(process) || !instance.isActive()) {
            return; // an older process of a restarted instance, or a stop that finishes on its own
        }
        services.records().delete(instance.id);
        instance.releasePort(services.ports());
        boolean wasReady = instance.state == State.READY;
        instance.cancelTimers();
        if (instance.state != State.CRASHED) {
            recordFailure(instance, FailureMessages.exited(process.exitValue(), instance.logFile,
                    services.clock().instant()), changes);
        }
        instance.state = State.CRASHED;
        if (wasReady) {
            changes.endpointsChanged();
        }
        scheduleRestart(instance);
    }

    private void recordFailure(InstanceProcess instance, InstanceFailure failure, PendingChanges changes) {
        lastFailure = failure;
        changes.healthChanged();
        LOG.warnf("event=instance-failed revision=%s instance=%s reason=%s restarts=%d", key, instance.id,
                failure.reason(), instance.restarts);
    }

    private void scheduleRestart(InstanceProcess instance) {
        if (retired) {
            return;
        }
        Duration readyFor = instance.readySince == null ? null
                : Duration.between(instance.readySince, services.clock().instant());
        if (services.backoff().resetsAfter(readyFor)) {
            instance.consecutiveCrashes = 0;
        }
        instance.readySince = null;
        instance.consecutiveCrashes++;
        Duration delay = services.backoff().delay(instance.consecutiveCrashes);
        instance.restartTimer = services.scheduler().schedule(
                () -> act(c -> restart(instance, c)), delay.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("event=restart-scheduled revision=%s instance=%s delayMillis=%d", key, instance.id, delay.toMillis());
    }

    private void restart(InstanceProcess instance, PendingChanges changes) {
        boolean waiting = instance.state == State.CRASHED && (instance.process == null || !instance.process.isAlive());
        if (retired || !waiting || !instances.contains(instance)) {
            return;
        }
        instance.restarts++;
        launch(instance, changes);
    }

    private void stop(InstanceProcess instance, PendingChanges changes) {
        boolean wasReady = instance.state == State.READY;
        instance.cancelTimers();
        instance.state = State.DRAINING;
        if (wasReady) {
            changes.endpointsChanged();
        }
        changes.healthChanged();
        Process process = instance.process;
        LOG.infof("event=instance-stopping revision=%s instance=%s pid=%d", key, instance.id,
                process == null ? -1 : process.pid());
        if (process == null || (!process.isAlive() && process.descendants().findAny().isEmpty())) {
            finish(instance, changes);
            return;
        }
        // Subscribers stop routing to the instance before it receives SIGTERM, and the requests it
        // is serving finish first (bounded by the revision's timeout).
        Duration drainLimit = endpoints().timeout();
        changes.afterPublish(() -> services.drain().drained(key, instance.id, drainLimit)
                .thenComposeAsync(drained -> services.terminator().terminate(process.toHandle()), services.scheduler())
                .whenCompleteAsync((ignored, error) -> act(c -> finish(instance, c)), services.scheduler()));
    }

    private void finish(InstanceProcess instance, PendingChanges changes) {
        if (instance.state == State.STOPPED) {
            return;
        }
        instance.state = State.STOPPED;
        instances.remove(instance);
        services.records().delete(instance.id);
        instance.releasePort(services.ports());
        changes.healthChanged();
        instance.gone.complete(null);
        LOG.infof("event=instance-stopped revision=%s instance=%s", key, instance.id);
    }
}
