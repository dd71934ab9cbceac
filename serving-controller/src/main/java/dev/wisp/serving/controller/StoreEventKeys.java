package dev.wisp.serving.controller;

import dev.wisp.api.store.StoreEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys a store change makes worth reconciling: the resource itself, its owners (whose status
 * follows it), and for a Configuration or Revision every Route of its namespace (routes follow
 * latest revisions).
 */
public final class StoreEventKeys {

    private StoreEventKeys() {
    }

    public static List<ResourceKey> keysFor(StoreEvent event) {
        HasMetadata resource = event.resource();
        Optional<ResourceKind> kind = ResourceKind.of(resource);
        if (kind.isEmpty()) {
            return List.of();
        }
        String namespace = resource.getMetadata().getNamespace();
        List<ResourceKey> keys = new ArrayList<>();
        keys.add(new ResourceKey(kind.get(), namespace, resource.getMetadata().getName()));
        List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
        if (owners != null) {
            for (OwnerReference owner : owners) {
                ResourceKind.of(owner.getKind())
                        .ifPresent(k -> keys.add(new ResourceKey(k, namespace, owner.getName())));
            }
        }
        if (kind.get() == ResourceKind.CONFIGURATION || kind.get() == ResourceKind.REVISION) {
            keys.add(ResourceKey.allIn(ResourceKind.ROUTE, namespace));
        }
        return keys;
    }
}
