package dev.wisp.serving.kubernetes.controller;

import dev.wisp.serving.reconciler.Json;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes a resource's new status through its {@code status} subresource only when its JSON
 * differs from the observed one, so a reconcile that changes nothing makes no API call.
 */
public final class StatusUpdater {
    private final KubernetesClient client;

    public StatusUpdater(KubernetesClient client) {
        this.client = client;
    }

    /** Stores {@code status} on {@code resource} if it changed (get, then update of {@code /status}, guarded by the resourceVersion); true if written. */
    @SuppressWarnings("unchecked")
    public <S, R extends CustomResource<?, S>> boolean write(R resource, S status) {
        if (Json.same(resource.getStatus(), status)) {
            return false;
        }
        Class<R> type = (Class<R>) resource.getClass();
        R live = client.resources(type).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName()).get();
        if (live == null) {
            return false; // deleted meanwhile: nothing to report on
        }
        live.setStatus(Json.copy(status, (Class<S>) status.getClass()));
        client.resource(live).updateStatus();
        return true;
    }
}
