package dev.wisp.serving.controller;

import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes a resource whose controller owner no longer exists (or was re-created with another
 * uid), as Kubernetes' garbage collector would: a child created while its owner was being deleted
 * must not outlive it.
 */
final class OrphanCollector {
    private static final Logger LOG = Logger.getLogger(OrphanCollector.class);

    private final ResourceStore store;

    OrphanCollector(ResourceStore store) {
        this.store = store;
    }

    /** Deletes the resource if it is an orphan; true if it did. */
    boolean collectIfOrphaned(ResourceKey key) {
        Optional<? extends HasMetadata> resource = store.get(key.kind().type(), key.namespace(), key.name());
        Optional<OwnerReference> owner = resource.flatMap(Ownership::controllerOf);
        if (owner.isEmpty()) {
            return false;
        }
        Optional<ResourceKind> ownerKind = ResourceKind.of(owner.get().getKind());
        if (ownerKind.isEmpty()) {
            return false;
        }
        Optional<? extends HasMetadata> found = store.get(ownerKind.get().type(), key.namespace(), owner.get().getName());
        if (found.isPresent() && Objects.equals(found.get().getMetadata().getUid(), owner.get().getUid())) {
            return false;
        }
        store.delete(key.kind().type(), key.namespace(), key.name());
        LOG.infof("orphan deleted kind=%s namespace=%s name=%s owner=%s/%s", key.kind(), key.namespace(),
                key.name(), owner.get().getKind(), owner.get().getName());
        return true;
    }
}
