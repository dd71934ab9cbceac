package dev.wisp.serving.kubernetes.controller;

import dev.wisp.serving.reconciler.ApplyOutcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import org.jboss.logging.Logger;

/**
 * The one apply step of the Kubernetes controllers: create the desired child when missing, update
 * it when it is not up to date (by the kind's own test), leave it alone otherwise; what was
 * written goes into the informer's cache at once, so the next reconcile does not act on a stale view.
 */
public final class ChildWriter {
    private static final Logger LOG = Logger.getLogger(ChildWriter.class);

    private final KubernetesClient client;

    public ChildWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies {@code desired} for {@code owner}, given the child as cached (empty if missing).
     *
     * @param upToDate (desired, live) -> whether no update is needed
     * @param merge    (desired, live) -> the object to update with (carrying live's resourceVersion)
     */
    public <T extends HasMetadata> ApplyOutcome apply(HasMetadata owner, T desired, Optional<T> live,
                                                      InformerEventSource<T, ?> cache,
                                                      BiPredicate<T, T> upToDate, BinaryOperator<T> merge) {
        ResourceID ownerId = ResourceID.fromResource(owner);
        if (live.isEmpty()) {
            return create(ownerId, desired, cache);
        }
        if (upToDate.test(desired, live.get())) {
            return ApplyOutcome.UNCHANGED;
        }
        T updated = client.resource(merge.apply(desired, live.get())).update();
        cache.handleRecentResourceUpdate(ownerId, updated, live.get());
        log(desired, ApplyOutcome.UPDATED);
        return ApplyOutcome.UPDATED;
    }

    /** Creates {@code desired}; one that exists already (the cache lagging behind) is left to the next reconcile. */
    public <T extends HasMetadata> ApplyOutcome create(ResourceID ownerId, T desired, InformerEventSource<T, ?> cache) {
        try {
            T created = client.resource(desired).create();
            cache.handleRecentResourceCreate(ownerId, created);
            log(desired, ApplyOutcome.CREATED);
            return ApplyOutcome.CREATED;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            LOG.debugf("child exists already kind=%s namespace=%s name=%s", desired.getKind(),
                    desired.getMetadata().getNamespace(), desired.getMetadata().getName());
            return ApplyOutcome.UNCHANGED;
        }
    }

    private static void log(HasMetadata child, ApplyOutcome outcome) {
        LOG.infof("child applied kind=%s namespace=%s name=%s outcome=%s", child.getKind(),
                child.getMetadata().getNamespace(), child.getMetadata().getName(), outcome);
    }
}
