package dev.wisp.build.kubernetes;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.control.WorkQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Kubernetes-mode Build controller, without an operator framework: fabric8 informers on Builds and
 * on the Jobs they own (label {@value BuildGroup#BUILD_LABEL}) feed a de-duplicating work queue that one
 * worker thread drains through {@link KubernetesBuildReconciler}. A reconcile that fails is logged and
 * retried on the next event or resync.
 */
public final class KubernetesBuildController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesBuildController.class);
    private static final long RESYNC_MILLIS = TimeUnit.MINUTES.toMillis(5);

    record Key(String namespace, String name) {
    }

    private final KubernetesClient client;
    private final KubernetesBuildReconciler reconciler;
    private final WorkQueue<Key> queue = new WorkQueue<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Thread worker;

    public KubernetesBuildController(KubernetesClient client, KubernetesBuildSettings settings, Clock clock) {
        this.client = client;
        this.reconciler = new KubernetesBuildReconciler(client, settings, clock);
        this.worker = new Thread(() -> queue.runUntilShutDown(this::process), "wisp-build-k8s-controller");
        this.worker.setDaemon(true);
    }

    /** Starts the informers (all namespaces) and the worker. */
    public synchronized void start() {
        informers.add(client.resources(Build.class).inAnyNamespace()
                .inform(handler(b -> new Key(b.getMetadata().getNamespace(), b.getMetadata().getName())), RESYNC_MILLIS));
        informers.add(client.batch().v1().jobs().inAnyNamespace().withLabel(BuildGroup.BUILD_LABEL)
                .inform(handler(KubernetesBuildController::ownerKey), RESYNC_MILLIS));
        worker.start();
        LOG.info("kubernetes build controller started");
    }

    private static Key ownerKey(Job job) {
        return new Key(job.getMetadata().getNamespace(), job.getMetadata().getLabels().get(BuildGroup.BUILD_LABEL));
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(java.util.function.Function<T, Key> key) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T resource) {
                queue.add(key.apply(resource));
            }

            @Override
            public void onUpdate(T old, T resource) {
                queue.add(key.apply(resource));
            }

            @Override
            public void onDelete(T resource, boolean unknownFinalState) {
                // a deleted Build takes its Job with it (owner reference); nothing to reconcile
            }
        };
    }

    private void process(Key key) {
        try {
            reconciler.reconcile(key.namespace(), key.name());
        } catch (RuntimeException e) {
            LOG.warnf(e, "build reconcile failed namespace=%s name=%s", key.namespace(), key.name());
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        queue.shutDown();
        worker.interrupt();
    }
}
