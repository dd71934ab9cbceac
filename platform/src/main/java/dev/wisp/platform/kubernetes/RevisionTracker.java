package dev.wisp.platform.kubernetes;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.serving.reconciler.revision.resources.ScalingPolicies;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The autoscaler role's view of revisions in Kubernetes mode: every Revision on the API server is
 * tracked with the scaling policy of its annotations (over the cluster defaults), and untracked when
 * it is deleted — what the revision reconciler does in standalone mode.
 */
public final class RevisionTracker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RevisionTracker.class);

    private final KubernetesResourceStore revisions;
    private final AutoscalerControl autoscaler;
    private final AutoscalerDefaults defaults;

    public RevisionTracker(KubernetesClient client, AutoscalerControl autoscaler, AutoscalerDefaults defaults) {
        this.revisions = new KubernetesResourceStore(client, List.of(Revision.class));
        this.autoscaler = autoscaler;
        this.defaults = defaults;
        revisions.addListener(this::onChange);
    }

    /** Starts watching; returns once every existing Revision is tracked. */
    public void start() {
        revisions.start();
    }

    private void onChange(StoreEvent event) {
        Revision revision = (Revision) event.resource();
        RevisionKey key = new RevisionKey(revision.getMetadata().getNamespace(), revision.getMetadata().getName());
        if (event.type() == StoreEvent.Type.DELETED) {
            autoscaler.untrack(key);
            LOG.infof("revision untracked revision=%s", key);
            return;
        }
        try {
            autoscaler.track(key, ScalingPolicies.forRevision(revision, defaults));
        } catch (IllegalArgumentException e) {
            LOG.warnf("revision not tracked revision=%s reason=\"%s\"", key, e.getMessage());
        }
    }

    @Override
    public void close() {
        revisions.close();
    }
}
