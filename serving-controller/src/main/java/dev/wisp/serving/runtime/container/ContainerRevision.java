package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.RevisionHealth;
import dev.wisp.serving.runtime.ServingEndpoints;
import dev.wisp.serving.runtime.process.FailureMessages;
import dev.wisp.serving.runtime.process.PendingChanges;
import dev.wisp.serving.runtime.process.ProbeTarget;
import dev.wisp.serving.runtime.process.ScaleDownOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The containers of one revision and the state machine converging them to the desired scale:
 * each start runs in a fresh container (pinned image, created, started, probed through its
 * published port); an exit is reported as {@code ExitCode{n}} with the last log lines and followed
 * by a restart with backoff; a stop drains the instance, stops the container with the grace
 * period and removes it. State changes happen under this object's lock; engine calls run outside it.
 */
final class ContainerRevision {

    private static final Logger LOG = Logger.getLogger(ContainerRevision.class);
    private static final String LOOPBACK = "127.0.0.1";
    static final String CONTAINER_FAILED = "CreateContainerError";

    private final RevisionKey key;
    private final ContainerServices services;
    private final List<ContainerInstance> instances = new ArrayList<>();
    private final Revision revision;
    private int desired;
    private boolean retired;
    private boolean everReady;
    private InstanceFailure lastFailure;
    private long nextSequence;

    ContainerRevision(RevisionKey key, Revision revision, ContainerServices services) {
        this.key = key;
        this.revision = revision;
        this.services = services;
    }

    void setDesired(int count) {
        synchronized (this) {
            desired = Math.max(0, count);
        }
        services.scheduler().execute(() -> act(this::converge));
    }

    /** Stops every instance for good; completes once their containers are removed. */
    CompletableFuture<Void> retire() {
        PendingChanges changes = new PendingChanges();
        CompletableFuture<?>[] gone;
        synchronized (this) {
            retired = true;
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
        return ServingEndpoints.of(key, revision, instances.stream().filter(i -> i.state == State.READY)
                .map(i -> new Endpoint(i.id, LOOPBACK, i.hostPort)).toList());
    }

    synchronized RevisionHealth health() {
        return new RevisionHealth(true, desired, readyCount(), everReady, Optional.ofNullable(lastFailure));
    }

    synchronized List<InstanceInfo> instances() {
        return instances.stream().map(ContainerInstance::info).toList();
    }

    private void act(Consumer<PendingChanges> change) {
        PendingChanges changes = new PendingChanges();
        synchronized (this) {
            change.accept(changes);
        }
        changes.publish(key, services.listeners());
    }

    private void converge(PendingChanges changes) {
        int target = retired ? 0 : desired;
        List<ContainerInstance> active = instances.stream().filter(ContainerInstance::isActive).toList();
        for (int i = active.size(); i < target; i++) {
            String id = services.ids().next(key.name(), this::isTaken);
            ContainerInstance instance = new ContainerInstance(id, nextSequence++, services.logs().fileOf(key, id));
            instances.add(instance);
            launch(instance, changes);
        }
        if (active.size() > target) {
            List<String> victims = ScaleDownOrder.victims(
                    active.stream().map(ContainerInstance::candidate).toList(), active.size() - target);
            active.stream().filter(i -> victims.contains(i.id)).forEach(i -> stop(i, changes));
        }
    }

    private boolean isTaken(String id) {
        return instances.stream().anyMatch(i -> i.id.equals(id)) || services.logs().fileOf(key, id).toFile().exists();
    }

    private void launch(ContainerInstance instance, PendingChanges changes) {
        int attempt = ++instance.attempt;
        instance.state = State.STARTING;
        instance.startedAt = services.clock().instant();
        instance.containerId = null;
        CompletableFuture<String> settled = new CompletableFuture<>();
        instance.settled = settled;
        AtomicReference<String> created = new AtomicReference<>();
        changes.healthChanged();
        changes.afterPublish(() -> services.containers()
                .start(key, revision, instance.id, attempt, instance.logFile, id -> {
                    created.set(id);
                    act(c -> onCreated(instance, attempt, id));
                })
                .whenCompleteAsync((running, error) -> {
                    settled.complete(created.get());
                    act(c -> started(instance, attempt, running, error, c));
                }, services.scheduler()));
    }

    private void onCreated(ContainerInstance instance, int attempt, String containerId) {
        if (instance.isAttempt(attempt)) {
            instance.containerId = containerId;
        }
    }

    private void started(ContainerInstance instance, int attempt, InstanceContainers.Running running, Throwable error,
                         PendingChanges changes) {
        if (!instance.isAttempt(attempt) || instance.state != State.STARTING) {
            return; // stopped meanwhile: the stop removes the container once this start settled
        }
        if (error != null) {
            instance.state = State.CRASHED;
            recordFailure(instance, startFailure(unwrap(error)), changes);
            String created = instance.containerId;
            if (created != null) {
                changes.afterPublish(() -> services.containers().remove(created));
            }
            scheduleRestart(instance);
            return;
        }
        instance.hostPort = running.hostPort();
        instance.pid = running.pid();
        ProbeTarget probe = ProbeTarget.of(ContainerSpec.firstContainer(revision), running.hostPort());
        instance.probe = services.prober().watch(probe, () -> act(c -> onReady(instance, attempt, c)));
        Duration timeout = services.timings().startupTimeout();
        instance.startupTimer = services.scheduler().schedule(() -> act(c -> onStartupTimeout(instance, attempt, probe, c)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("event=instance-started revision=%s instance=%s container=%s port=%d image=%s restarts=%d", key,
                instance.id, running.containerId().substring(0, 12), running.hostPort(), running.image().digest(),
                instance.restarts);
        changes.afterPublish(() -> services.containers().exitOf(running.containerId(), instance.logFile)
                .whenCompleteAsync((code, e) -> act(c -> onExit(instance, attempt, code == null ? -1 : code, c)),
                        services.scheduler()));
    }

    private void onReady(ContainerInstance instance, int attempt, PendingChanges changes) {
        if (!instance.isAttempt(attempt) || instance.state != State.STARTING) {
            return;
        }
        instance.cancelTimers();
        instance.state = State.READY;
        instance.readySince = services.clock().instant();
        everReady = true;
        lastFailure = null;
        changes.endpointsChanged();
        LOG.infof("event=instance-ready revision=%s instance=%s port=%d startupMillis=%d", key, instance.id,
                instance.hostPort, Duration.between(instance.startedAt, instance.readySince).toMillis());
    }

    private void onStartupTimeout(ContainerInstance instance, int attempt, ProbeTarget probe, PendingChanges changes) {
        if (!instance.isAttempt(attempt) || instance.state != State.STARTING) {
            return;
        }
        instance.cancelTimers();
        instance.state = State.CRASHED;
        recordFailure(instance, FailureMessages.probeTimeout(services.timings().startupTimeout(), probe,
                instance.logFile, services.clock().instant()), changes);
        String container = instance.containerId;
        // The exit that follows removes the container and schedules the restart.
        changes.afterPublish(() -> services.containers().stopAndRemove(container, Duration.ZERO));
    }

    private void onExit(ContainerInstance instance, int attempt, int exitCode, PendingChanges changes) {
        if (!instance.isAttempt(attempt) || !instance.isActive()) {
            return; // a stop that finishes on its own
        }
        boolean wasReady = instance.state == State.READY;
        instance.cancelTimers();
        if (instance.state != State.CRASHED) {
            recordFailure(instance, FailureMessages.exited(exitCode, instance.logFile, services.clock().instant()), changes);
        }
        instance.state = State.CRASHED;
        if (wasReady) {
            changes.endpointsChanged();
        }
        String container = instance.containerId;
        changes.afterPublish(() -> services.containers().remove(container));
        scheduleRestart(instance);
    }

    private void recordFailure(ContainerInstance instance, InstanceFailure failure, PendingChanges changes) {
        lastFailure = failure;
        changes.healthChanged();
        LOG.warnf("event=instance-failed revision=%s instance=%s reason=%s restarts=%d", key, instance.id,
                failure.reason(), instance.restarts);
    }

    private InstanceFailure startFailure(Throwable error) {
        if (error instanceof ImagePullFailure pull) {
            return new InstanceFailure(pull.reason(), error.getMessage(), services.clock().instant());
        }
        return new InstanceFailure(CONTAINER_FAILED, "the container engine could not start the container: "
                + error.getMessage(), services.clock().instant());
    }

    private void scheduleRestart(ContainerInstance instance) {
        if (retired) {
            return;
        }
        Duration readyFor = instance.readySince == null ? null
                : Duration.between(instance.readySince, services.clock().instant());
        instance.consecutiveCrashes = services.backoff().resetsAfter(readyFor) ? 1 : instance.consecutiveCrashes + 1;
        instance.readySince = null;
        Duration delay = services.backoff().delay(instance.consecutiveCrashes);
        int attempt = instance.attempt;
        instance.restartTimer = services.scheduler().schedule(() -> act(c -> restart(instance, attempt, c)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("event=restart-scheduled revision=%s instance=%s delayMillis=%d", key, instance.id, delay.toMillis());
    }

    private void restart(ContainerInstance instance, int attempt, PendingChanges changes) {
        if (retired || !instance.isAttempt(attempt) || instance.state != State.CRASHED || !instances.contains(instance)) {
            return;
        }
        instance.restarts++;
        launch(instance, changes);
    }

    private void stop(ContainerInstance instance, PendingChanges changes) {
        boolean wasReady = instance.state == State.READY;
        instance.cancelTimers();
        instance.attempt++;
        instance.state = State.DRAINING;
        if (wasReady) {
            changes.endpointsChanged();
        }
        changes.healthChanged();
        LOG.infof("event=instance-stopping revision=%s instance=%s container=%s", key, instance.id, instance.containerId);
        // Subscribers stop routing to the instance first; its requests finish (bounded by the revision's timeout).
        Duration drainLimit = wasReady ? endpoints().timeout() : Duration.ZERO;
        CompletableFuture<String> settled = instance.settled;
        Duration grace = services.timings().terminationGracePeriod();
        changes.afterPublish(() -> services.drain().drained(key, instance.id, drainLimit)
                .thenCompose(drained -> settled.exceptionally(e -> null))
                .thenCompose(container -> container == null ? CompletableFuture.completedFuture(null)
                        : services.containers().stopAndRemove(container, grace))
                .whenCompleteAsync((ignored, error) -> act(c -> finish(instance, c)), services.scheduler()));
    }

    private void finish(ContainerInstance instance, PendingChanges changes) {
        if (instance.state == State.STOPPED) {
            return;
        }
        instance.state = State.STOPPED;
        instances.remove(instance);
        changes.healthChanged();
        instance.gone.complete(null);
        LOG.infof("event=instance-stopped revision=%s instance=%s", key, instance.id);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
