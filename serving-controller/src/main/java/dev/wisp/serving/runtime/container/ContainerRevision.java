package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.InstanceLifecycle;
import dev.wisp.serving.runtime.PendingChanges;
import dev.wisp.serving.runtime.RevisionInstanceSet;
import dev.wisp.serving.runtime.process.ProbeTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Starts, watches and stops the containers of one revision's instances for its
 * {@link RevisionInstanceSet}, which converges them to the desired scale: each start runs in a
 * fresh container (pinned image, created, started, probed through its published port); an exit is
 * reported as {@code ExitCode{n}} with the last log lines and its container removed; a stop drains
 * the instance, stops the container with the grace period and removes it. Engine calls run
 * outside the set's lock.
 */
final class ContainerRevision implements RevisionInstanceSet.Control<ContainerInstance> {

    private static final Logger LOG = Logger.getLogger(ContainerRevision.class);
    static final String CONTAINER_FAILED = "CreateContainerError";

    private final RevisionKey key;
    private final ContainerServices services;
    private final RevisionInstanceSet<ContainerInstance> set;

    private ContainerRevision(RevisionKey key, Revision revision, ContainerServices services) {
        this.key = key;
        this.services = services;
        this.set = new RevisionInstanceSet<>(key, revision, services, LOG, this);
    }

    /** The instance set of a revision whose instances run as containers. */
    static RevisionInstanceSet<ContainerInstance> of(RevisionKey key, Revision revision, ContainerServices services) {
        return new ContainerRevision(key, revision, services).set;
    }

    @Override
    public ContainerInstance create(InstanceLifecycle lifecycle) {
        return new ContainerInstance(lifecycle);
    }

    @Override
    public void launch(ContainerInstance instance, PendingChanges changes) {
        int attempt = ++instance.attempt;
        set.starting(instance, changes);
        instance.containerId = null;
        CompletableFuture<String> settled = new CompletableFuture<>();
        instance.settled = settled;
        AtomicReference<String> created = new AtomicReference<>();
        Revision revision = set.revision();
        changes.afterPublish(() -> services.containers()
                .start(key, revision, instance.id(), attempt, instance.lifecycle().logFile(), id -> {
                    created.set(id);
                    set.act(c -> onCreated(instance, attempt, id));
                })
                .whenCompleteAsync((running, error) -> {
                    settled.complete(created.get());
                    set.act(c -> started(instance, attempt, running, error, c));
                }, services.scheduler()));
    }

    private void onCreated(ContainerInstance instance, int attempt, String containerId) {
        if (instance.isAttempt(attempt)) {
            instance.containerId = containerId;
        }
    }

    private void started(ContainerInstance instance, int attempt, InstanceContainers.Running running, Throwable error,
                         PendingChanges changes) {
        if (!instance.isAttempt(attempt) || instance.lifecycle().state() != State.STARTING) {
            return; // stopped meanwhile: the stop removes the container once this start settled
        }
        if (error != null) {
            String created = instance.containerId;
            if (created != null) {
                changes.afterPublish(() -> services.containers().remove(created));
            }
            set.crashed(instance, startFailure(unwrap(error)), changes, () -> instance.isAttempt(attempt));
            return;
        }
        instance.lifecycle().listensOn(running.hostPort());
        instance.pid = running.pid();
        ProbeTarget probe = ProbeTarget.of(ContainerSpec.firstContainer(set.revision()), running.hostPort());
        // The exit that follows a startup timeout removes the container and schedules the restart.
        set.probe(instance, probe, () -> instance.isAttempt(attempt),
                () -> services.containers().stopAndRemove(running.containerId(), Duration.ZERO));
        LOG.infof("event=instance-started revision=%s instance=%s container=%s port=%d image=%s restarts=%d", key,
                instance.id(), running.containerId().substring(0, 12), running.hostPort(), running.image().digest(),
                instance.lifecycle().restarts());
        changes.afterPublish(() -> services.containers().exitOf(running.containerId(), instance.lifecycle().logFile())
                .whenCompleteAsync((code, e) -> set.act(c -> onExit(instance, attempt, code == null ? -1 : code, c)),
                        services.scheduler()));
    }

    private void onExit(ContainerInstance instance, int attempt, int exitCode, PendingChanges changes) {
        if (!instance.isAttempt(attempt) || !instance.lifecycle().isActive()) {
            return; // a stop that finishes on its own
        }
        String container = instance.containerId;
        changes.afterPublish(() -> services.containers().remove(container));
        set.exited(instance, exitCode, changes, () -> instance.isAttempt(attempt));
    }

    private InstanceFailure startFailure(Throwable error) {
        if (error instanceof ImagePullFailure pull) {
            return new InstanceFailure(pull.reason(), error.getMessage(), services.clock().instant());
        }
        return new InstanceFailure(CONTAINER_FAILED, "the container engine could not start the container: "
                + error.getMessage(), services.clock().instant());
    }

    @Override
    public void stop(ContainerInstance instance, PendingChanges changes) {
        boolean wasReady = set.beginStop(instance, changes);
        instance.attempt++;
        LOG.infof("event=instance-stopping revision=%s instance=%s container=%s", key, instance.id(),
                instance.containerId);
        // Subscribers stop routing to the instance first; its requests finish (bounded by the revision's timeout).
        Duration drainLimit = wasReady ? set.endpoints().timeout() : Duration.ZERO;
        CompletableFuture<String> settled = instance.settled;
        Duration grace = services.timings().terminationGracePeriod();
        changes.afterPublish(() -> services.drain().drained(key, instance.id(), drainLimit)
                .thenCompose(drained -> settled.exceptionally(e -> null))
                .thenCompose(container -> container == null ? CompletableFuture.completedFuture(null)
                        : services.containers().stopAndRemove(container, grace))
                .whenCompleteAsync((ignored, error) -> set.act(c -> set.finish(instance, c, () -> { })),
                        services.scheduler()));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
