package dev.wisp.serving.reconciler.revision;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import dev.wisp.serving.reconciler.revision.resources.ScalingPolicies;
import dev.wisp.serving.runtime.WorkloadRuntime;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a Revision: registers it with the runtime and the autoscaler and reports its health
 * as status; once it is gone from the store, removes it from both.
 */
public final class RevisionReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(RevisionReconciler.class);

    private final ResourceStore store;
    private final WorkloadRuntime runtime;
    private final AutoscalerControl autoscaler;
    private final AutoscalerDefaults defaults;
    private final StatusWriter statusWriter;
    private final Clock clock;

    public RevisionReconciler(ResourceStore store, WorkloadRuntime runtime, AutoscalerControl autoscaler,
                              AutoscalerDefaults defaults, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.autoscaler = autoscaler;
        this.defaults = defaults;
        this.statusWriter = new StatusWriter(store);
        this.clock = clock;
    }

    @Override
    public void reconcile(String namespace, String name) {
        RevisionKey key = new RevisionKey(namespace, name);
        Optional<Revision> found = store.get(Revision.class, namespace, name);
        if (found.isEmpty()) {
            forget(key);
            return;
        }
        Revision revision = found.get();
        runtime.ensure(revision);
        autoscaler.track(key, ScalingPolicies.forRevision(revision, defaults));
        RevisionStatus status = RevisionStatusPlanner.plan(revision, runtime.health(key),
                autoscaler.desiredScale(key), clock.instant());
        statusWriter.write(revision, status);
    }

    /** Stops scaling and running a revision that is no longer stored. */
    private void forget(RevisionKey key) {
        boolean known = runtime.health(key).registered() || autoscaler.desiredScale(key) >= 0;
        autoscaler.untrack(key);
        runtime.remove(key);
        if (known) {
            LOG.infof("revision removed revision=%s", key);
        }
    }
}
