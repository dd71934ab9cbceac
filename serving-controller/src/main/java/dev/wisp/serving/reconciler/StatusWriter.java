package dev.wisp.serving.reconciler;

import dev.wisp.api.store.ResourceStore;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * Writes a resource's new status only when its JSON differs from the stored one, so that a
 * reconcile which changes nothing produces no store event (and no reconcile loop).
 */
public final class StatusWriter {
    private final ResourceStore store;

    public StatusWriter(ResourceStore store) {
        this.store = store;
    }

    /** Stores {@code status} on {@code resource} (as read from the store) if it changed; true if written. */
    public <S, R extends CustomResource<?, S>> boolean write(R resource, S status) {
        if (Json.same(resource.getStatus(), status)) {
            return false;
        }
        resource.setStatus(status);
        store.updateStatus(resource);
        return true;
    }
}
