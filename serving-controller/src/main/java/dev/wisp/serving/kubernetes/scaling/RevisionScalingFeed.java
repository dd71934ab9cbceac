package dev.wisp.serving.kubernetes.scaling;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.reconciler.revision.resources.ScalingPolicies;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

/**
 * Tells the autoscaler which revisions exist in Kubernetes mode, where no revision reconciler
 * runs beside it: watches Revisions in every namespace, tracks each with the policy its
 * {@code autoscaling.knative.dev/*} annotations and the defaults give, and untracks deleted ones.
 */
public final class RevisionScalingFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RevisionScalingFeed.class);

    private final SharedIndexInformer<Revision> revisions;

    /** Starts watching; every existing revision is tracked before this returns. */
    public RevisionScalingFeed(KubernetesClient client, AutoscalerControl autoscaler, AutoscalerDefaults defaults) {
        this.revisions = client.resources(Revision.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Revision revision) {
                track(autoscaler, defaults, revision);
            }

            @Override
            public void onUpdate(Revision old, Revision revision) {
                track(autoscaler, defaults, revision);
            }

            @Override
            public void onDelete(Revision revision, boolean finalStateUnknown) {
                RevisionKey key = keyOf(revision);
                autoscaler.untrack(key);
                LOG.infof("revision untracked revision=%s", key);
            }
        }, 0);
    }

    /** Stops watching; tracked revisions stay tracked. */
    @Override
    public void close() {
        revisions.close();
    }

    private static void track(AutoscalerControl autoscaler, AutoscalerDefaults defaults, Revision revision) {
        autoscaler.track(keyOf(revision), ScalingPolicies.forRevision(revision, defaults));
    }

    private static RevisionKey keyOf(Revision revision) {
        return new RevisionKey(revision.getMetadata().getNamespace(), revision.getMetadata().getName());
    }
}
