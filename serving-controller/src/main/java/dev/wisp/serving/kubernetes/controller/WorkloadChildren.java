package dev.wisp.serving.kubernetes.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.serving.reconciler.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * How a Revision's Deployment and Service are compared with what the controller wants and
 * updated: only the fields the controller sets count (the API server defaults the others), and
 * {@code spec.replicas} is never touched after creation because it belongs to the autoscaler.
 */
public final class WorkloadChildren {

    private WorkloadChildren() {
    }

    /** Up to date when every field we set is as we want it (replicas aside), with our labels and owner. */
    public static <T extends HasMetadata> boolean upToDate(T desired, T live) {
        return JsonSubset.contains(Json.tree(live).get("spec"), withoutReplicas(Json.tree(desired)).get("spec"))
                && JsonSubset.contains(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && Objects.equals(live.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences());
    }

    /** The live object with our fields written over it: server defaults, annotations and replicas survive. */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T merged(T desired, T live) {
        ObjectNode ours = withoutReplicas(Json.tree(desired));
        ours.remove("status");
        T result = JsonSubset.overlay(live, ours, (Class<T>) live.getClass());
        result.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
        return result;
    }

    private static ObjectNode withoutReplicas(JsonNode resource) {
        ObjectNode copy = (ObjectNode) resource.deepCopy();
        if (copy.get("spec") instanceof ObjectNode spec) {
            spec.remove("replicas");
        }
        return copy;
    }
}
