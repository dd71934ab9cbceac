package dev.wisp.eventing.reconciler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.wisp.api.store.ResourceStore;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * Writes a resource's status only when its JSON form changed, so a reconcile that changes nothing
 * causes no store event and no reconcile loop.
 */
final class StatusWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ResourceStore store;

    StatusWriter(ResourceStore store) {
        this.store = store;
    }

    /** A deep copy of a status to change, so the stored one stays to compare with. */
    static <S> S copy(S status, Class<S> type) {
        return status == null ? null : MAPPER.convertValue(status, type);
    }

    <S, R extends CustomResource<?, S>> boolean write(R resource, S status) {
        if (tree(resource.getStatus()).equals(tree(status))) {
            return false;
        }
        resource.setStatus(status);
        store.updateStatus(resource);
        return true;
    }

    private static JsonNode tree(Object value) {
        return value == null ? NullNode.getInstance() : MAPPER.valueToTree(value);
    }
}
