package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.process.FailureMessages;
import dev.wisp.serving.runtime.process.ProbeTarget;
import dev.wisp.serving.runtime.process.ScaleDownOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Converges the instances of one revision to its desired scale, whatever runs them: it keeps the
 * desired/ready/everReady/lastFailure bookkeeping, starts and stops instances through its
 * runtime's {@link Control}, probes started ones, marks them ready, records their failures and
 * restarts crashed ones with backoff. Every change happens under this object's lock (the methods
 * taking {@link PendingChanges} run inside {@link #act}); listeners are called after it is released.
 * The endpoints the data plane reads on every request are an immutable snapshot, republished
 * before the lock is released whenever the ready instances or the revision changed, and read
 * without the lock.
 *
 * @param <I> the runtime's instance (a process, a container)
 */
public final class RevisionInstanceSet<I extends TrackedInstance> {

    private static final String LOOPBACK = "127.0.0.1";

    /** Creates, launches and stops one runtime's instances; called under the set's lock. */
    public interface Control<I> {

        /** A new instance around {@code lifecycle}, not started yet. */
        I create(InstanceLifecycle lifecycle);

        /** Starts the instance (first start or restart); ends with {@link #starting} or {@link #crashed}. */
        void launch(I instance, PendingChanges changes);

        /** Drains and stops the instance; starts with {@link #beginStop} and ends with {@link #finish}. */
        void stop(I instance, PendingChanges changes);
    }

    private final RevisionKey key;
    private final InstanceSetServices services;
    private final Logger log;
    private final Control<I> control;
    private final List<I> instances = new ArrayList<>();
    private Revision revision;
    private int desired;
    private boolean retired;
    private boolean everReady;
    private InstanceFailure lastFailure;
    private long nextSequence;
    /** The endpoints as of the last change; replaced (never mutated) under the lock, read without it. */
    private volatile RevisionEndpoints published;

    /** A set that logs its events to {@code log}, the category of the runtime that owns it. */
    public RevisionInstanceSet(RevisionKey key, Revision revision, InstanceSetServices services, Logger log,
                               Control<I> control) {
        this.key = key;
        this.revision = revision;
        this.services = services;
        this.log = log;
        this.control = control;
        this.published = ServingEndpoints.of(key, revision, List.of());
    }

    /** Replaces the revision the set reads its endpoints' settings (and its runtime its spec) from. */
    public synchronized void update(Revision refreshed) {
        this.revision = refreshed;
        republish();
    }

    public synchronized Revision revision() {
        return revision;
    }

    /** Records the desired scale now and converges to it on the scheduler. */
    public void setDesired(int count) {
        synchronized (this) {
            desired = Math.max(0, count);
        }
        services.scheduler().execute(() -> act(this::converge));
    }

    /** Stops every instance for good; the future completes once all of them are gone. */
    public CompletableFuture<Void> retire() {
        PendingChanges changes = new PendingChanges();
        CompletableFuture<?>[] gone;
        synchronized (this) {
            retired = true;
            desired = 0;
            converge(changes);
            republish();
            gone = instances.stream().map(i -> i.lifecycle().gone).toArray(CompletableFuture[]::new);
        }
        changes.publish(key, services.listeners());
        return CompletableFuture.allOf(gone);
    }

    public int readyCount() {
        return published.ready().size();
    }

    /** The revision's settings and ready instances as of the last change; never blocks. */
    public RevisionEndpoints endpoints() {
        return published;
    }

    public synchronized RevisionHealth health() {
        return new RevisionHealth(true, desired, readyCount(), everReady, Optional.ofNullable(lastFailure));
    }

    public synchronized List<InstanceInfo> instances() {
        return instances.stream().map(TrackedInstance::info).toList();
    }

    /** Runs a state change under the lock, then announces it without the lock. */
    public void act(Consumer<PendingChanges> change) {
        PendingChanges changes = new PendingChanges();
        synchronized (this) {
            change.accept(changes);
            republish();
        }
        changes.publish(key, services.listeners());
    }

    /**
     * Replaces the published endpoints when the ready instances or the revision's settings differ
     * from them; called under the lock at the end of every change, so an instance leaves the
     * rotation before anyone is told it did (and before it is drained and stopped).
     */
    private void republish() {
        List<Endpoint> ready = new ArrayList<>(instances.size());
        for (I instance : instances) {
            InstanceLifecycle life = instance.lifecycle();
            if (life.state == State.READY) {
                ready.add(new Endpoint(life.id(), LOOPBACK, life.port));
            }
        }
        RevisionEndpoints current = ServingEndpoints.of(key, revision, ready);
        if (!current.equals(published)) {
            published = current;
        }
    }

    /** Marks the instance as starting now. */
    public void starting(I instance, PendingChanges changes) {
        InstanceLifecycle life = instance.lifecycle();
        life.startedAt = services.clock().instant();
        life.state = State.STARTING;
        changes.healthChanged();
    }

    /**
     * Probes a started instance: it becomes ready when {@code target} answers, or crashes when the
     * startup timeout passes first, after which {@code stopAfterTimeout} runs (its exit then
     * schedules the restart). Both are ignored once {@code current} says this run was replaced.
     */
    public void probe(I instance, ProbeTarget target, BooleanSupplier current, Runnable stopAfterTimeout) {
        InstanceLifecycle life = instance.lifecycle();
        life.probe = services.prober().watch(target, () -> act(c -> onReady(instance, current, c)));
        Duration timeout = services.startupTimeout();
        life.startupTimer = services.scheduler().schedule(
                () -> act(c -> onStartupTimeout(instance, current, target, stopAfterTimeout, c)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Records that the instance could not start; restarts it after the backoff while
     * {@code mayRestart} still holds then.
     */
    public void crashed(I instance, InstanceFailure failure, PendingChanges changes, BooleanSupplier mayRestart) {
        instance.lifecycle().state = State.CRASHED;
        recordFailure(instance.lifecycle(), failure, changes);
        scheduleRestart(instance, mayRestart);
    }

    /**
     * Records that the active instance's current run exited with {@code exitCode} (a failure unless
     * it had already failed its startup) and restarts it after the backoff while {@code mayRestart} holds.
     */
    public void exited(I instance, int exitCode, PendingChanges changes, BooleanSupplier mayRestart) {
        InstanceLifecycle life = instance.lifecycle();
        boolean wasReady = life.state == State.READY;
        life.cancelTimers();
        if (life.state != State.CRASHED) {
            recordFailure(life, FailureMessages.exited(exitCode, life.logFile(), services.clock().instant()), changes);
        }
        life.state = State.CRASHED;
        if (wasReady) {
            changes.endpointsChanged();
        }
        scheduleRestart(instance, mayRestart);
    }

    /** Takes the instance out of rotation to stop it; returns whether it was ready (serving). */
    public boolean beginStop(I instance, PendingChanges changes) {
        InstanceLifecycle life = instance.lifecycle();
        boolean wasReady = life.state == State.READY;
        life.cancelTimers();
        life.state = State.DRAINING;
        if (wasReady) {
            changes.endpointsChanged();
        }
        changes.healthChanged();
        return wasReady;
    }

    /** Forgets a stopped instance once: runs {@code release}, then completes what waits for it to be gone. */
    public void finish(I instance, PendingChanges changes, Runnable release) {
        InstanceLifecycle life = instance.lifecycle();
        if (life.state == State.STOPPED) {
            return;
        }
        life.state = State.STOPPED;
        instances.remove(instance);
        release.run();
        changes.healthChanged();
        life.gone.complete(null);
        log.infof("event=instance-stopped revision=%s instance=%s", key, life.id());
    }

    private void converge(PendingChanges changes) {
        int target = retired ? 0 : desired;
        List<I> active = instances.stream().filter(i -> i.lifecycle().isActive()).toList();
        for (int i = active.size(); i < target; i++) {
            startNew(changes);
        }
        if (active.size() > target) {
            List<String> victims = ScaleDownOrder.victims(
                    active.stream().map(i -> i.lifecycle().candidate()).toList(), active.size() - target);
            active.stream().filter(i -> victims.contains(i.id())).forEach(i -> control.stop(i, changes));
        }
    }

    private void startNew(PendingChanges changes) {
        String id = services.ids().next(key.name(), this::isTaken);
        I instance = control.create(new InstanceLifecycle(id, nextSequence++, services.logs().fileOf(key, id)));
        instances.add(instance);
        control.launch(instance, changes);
    }

    private boolean isTaken(String id) {
        return instances.stream().anyMatch(i -> i.id().equals(id))
                || services.logs().fileOf(key, id).toFile().exists();
    }

    private void onReady(I instance, BooleanSupplier current, PendingChanges changes) {
        InstanceLifecycle life = instance.lifecycle();
        if (!isStarting(life, current)) {
            return;
        }
        life.cancelTimers();
        life.state = State.READY;
        life.readySince = services.clock().instant();
        everReady = true;
        lastFailure = null;
        changes.endpointsChanged();
        log.infof("event=instance-ready revision=%s instance=%s port=%d startupMillis=%d", key, life.id(),
                life.port, Duration.between(life.startedAt, life.readySince).toMillis());
    }

    private void onStartupTimeout(I instance, BooleanSupplier current, ProbeTarget target, Runnable stop,
                                  PendingChanges changes) {
        InstanceLifecycle life = instance.lifecycle();
        if (!isStarting(life, current)) {
            return;
        }
        life.cancelTimers();
        life.state = State.CRASHED;
        recordFailure(life, FailureMessages.probeTimeout(services.startupTimeout(), target, life.logFile(),
                services.clock().instant()), changes);
        changes.afterPublish(stop);
    }

    /** Whether the run {@code current} still names is starting (not ready, crashed or stopped meanwhile). */
    private static boolean isStarting(InstanceLifecycle life, BooleanSupplier current) {
        return current.getAsBoolean() && life.state == State.STARTING;
    }

    private void recordFailure(InstanceLifecycle life, InstanceFailure failure, PendingChanges changes) {
        lastFailure = failure;
        changes.healthChanged();
        log.warnf("event=instance-failed revision=%s instance=%s reason=%s restarts=%d", key, life.id(),
                failure.reason(), life.restarts);
    }

    private void scheduleRestart(I instance, BooleanSupplier mayRestart) {
        if (retired) {
            return;
        }
        InstanceLifecycle life = instance.lifecycle();
        Duration readyFor = life.readySince == null ? null
                : Duration.between(life.readySince, services.clock().instant());
        life.consecutiveCrashes = services.backoff().resetsAfter(readyFor) ? 1 : life.consecutiveCrashes + 1;
        life.readySince = null;
        Duration delay = services.backoff().delay(life.consecutiveCrashes);
        life.restartTimer = services.scheduler().schedule(
                () -> act(c -> restart(instance, mayRestart, c)), delay.toMillis(), TimeUnit.MILLISECONDS);
        log.infof("event=restart-scheduled revision=%s instance=%s delayMillis=%d", key, life.id(), delay.toMillis());
    }

    private void restart(I instance, BooleanSupplier mayRestart, PendingChanges changes) {
        InstanceLifecycle life = instance.lifecycle();
        if (retired || life.state != State.CRASHED || !mayRestart.getAsBoolean() || !instances.contains(instance)) {
            return;
        }
        life.restarts++;
        control.launch(instance, changes);
    }
}
