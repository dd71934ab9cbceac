package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceLifecycle;
import dev.wisp.serving.runtime.PendingChanges;
import dev.wisp.serving.runtime.RevisionInstanceSet;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Starts, watches and stops the processes of one revision's instances for its
 * {@link RevisionInstanceSet}, which converges them to the desired scale: a start launches the
 * command with its port and log file and probes it; an exit frees the port and its record; a stop
 * drains the instance (endpoints first) and then stops its whole process tree.
 */
final class RevisionInstances implements RevisionInstanceSet.Control<InstanceProcess> {

    private static final Logger LOG = Logger.getLogger(RevisionInstances.class);

    private final RevisionKey key;
    private final RuntimeServices services;
    private final RevisionInstanceSet<InstanceProcess> set;

    private RevisionInstances(RevisionKey key, Revision revision, RuntimeServices services) {
        this.key = key;
        this.services = services;
        this.set = new RevisionInstanceSet<>(key, revision, services, LOG, this);
    }

    /** The instance set of a revision whose instances run as processes. */
    static RevisionInstanceSet<InstanceProcess> of(RevisionKey key, Revision revision, RuntimeServices services) {
        return new RevisionInstances(key, revision, services).set;
    }

    @Override
    public InstanceProcess create(InstanceLifecycle lifecycle) {
        return new InstanceProcess(lifecycle);
    }

    @Override
    public void launch(InstanceProcess instance, PendingChanges changes) {
        set.starting(instance, changes);
        InstanceLifecycle life = instance.lifecycle();
        try {
            InstanceLauncher.Launched launched = services.launcher().launch(key, set.revision(), life.id(), life.logFile());
            watch(instance, launched);
            LOG.infof("event=instance-started revision=%s instance=%s pid=%d port=%d restarts=%d",
                    key, life.id(), launched.process().pid(), launched.port(), life.restarts());
        } catch (LaunchFailure failure) {
            instance.process = null;
            set.crashed(instance, FailureMessages.launchFailed(failure, services.clock().instant()), changes,
                    instance::runsNoProcess);
        }
    }

    private void watch(InstanceProcess instance, InstanceLauncher.Launched launched) {
        Process process = launched.process();
        instance.process = process;
        instance.lifecycle().listensOn(launched.port());
        instance.portHeld = true;
        set.probe(instance, launched.probe(), () -> instance.isCurrent(process),
                () -> services.terminator().terminate(process.toHandle()));
        process.onExit().thenRunAsync(() -> set.act(c -> onExit(instance, process, c)), services.scheduler());
    }

    private void onExit(InstanceProcess instance, Process process, PendingChanges changes) {
        if (!instance.isCurrent(process) || !instance.lifecycle().isActive()) {
            return; // an older process of a restarted instance, or a stop that finishes on its own
        }
        services.records().delete(instance.id());
        instance.releasePort(services.ports());
        set.exited(instance, process.exitValue(), changes, instance::runsNoProcess);
    }

    @Override
    public void stop(InstanceProcess instance, PendingChanges changes) {
        set.beginStop(instance, changes);
        Process process = instance.process;
        LOG.infof("event=instance-stopping revision=%s instance=%s pid=%d", key, instance.id(),
                process == null ? -1 : process.pid());
        if (process == null || (!process.isAlive() && process.descendants().findAny().isEmpty())) {
            finish(instance, changes);
            return;
        }
        // Subscribers stop routing to the instance before it receives SIGTERM, and the requests it
        // is serving finish first (bounded by the revision's timeout).
        Duration drainLimit = set.endpoints().timeout();
        changes.afterPublish(() -> services.drain().drained(key, instance.id(), drainLimit)
                .thenComposeAsync(drained -> services.terminator().terminate(process.toHandle()), services.scheduler())
                .whenCompleteAsync((ignored, error) -> set.act(c -> finish(instance, c)), services.scheduler()));
    }

    private void finish(InstanceProcess instance, PendingChanges changes) {
        set.finish(instance, changes, () -> {
            services.records().delete(instance.id());
            instance.releasePort(services.ports());
        });
    }
}
