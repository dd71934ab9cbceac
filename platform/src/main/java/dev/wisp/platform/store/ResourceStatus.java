package dev.wisp.platform.store;

import io.fabric8.kubernetes.client.CustomResource;

/** Copies the status of one resource onto another of the same kind. */
final class ResourceStatus {
    private ResourceStatus() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void copy(Object from, Object to) {
        if (from instanceof CustomResource source && to instanceof CustomResource target) {
            target.setStatus(source.getStatus());
        }
    }
}
