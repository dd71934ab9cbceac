package dev.wisp.serving.kubernetes.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.serving.reconciler.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a live object already has every field a desired one sets, as Knative's
 * {@code equality.Semantic.DeepDerivative}: fields the desired object leaves out (the API server's
 * defaults such as {@code clusterIP} or {@code terminationMessagePath}) are ignored, so defaulting
 * never causes an endless update loop. A {@code selector} is the exception: it is compared and
 * replaced whole, since an extra key would select other pods.
 */
public final class JsonSubset {
    private static final String ATOMIC_FIELD = "selector";

    private JsonSubset() {
    }

    /** True when every field set in {@code desired} has the same value in {@code live}. */
    public static boolean contains(Object live, Object desired) {
        return derivative(Json.tree(desired), Json.tree(live));
    }

    /**
     * {@code live} with every field {@code desired} sets written over it (objects merged field by
     * field, arrays and values replaced), so fields the server defaulted survive an update.
     */
    public static <T> T overlay(T live, Object desired, Class<T> type) {
        JsonNode merged = Json.tree(live).deepCopy();
        overlayInto(merged, Json.tree(desired));
        return Json.copy(merged, type);
    }

    private static JsonNode overlayInto(JsonNode live, JsonNode desired) {
        if (!live.isObject() || !desired.isObject()) {
            return desired.isNull() ? live : desired;
        }
        ObjectNode target = (ObjectNode) live;
        Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            boolean whole = current == null || ATOMIC_FIELD.equals(field.getKey());
            target.set(field.getKey(), whole ? field.getValue() : overlayInto(current, field.getValue()));
        }
        return target;
    }

    private static boolean derivative(JsonNode desired, JsonNode live) {
        if (desired == null || desired.isNull()) {
            return true;
        }
        if (live == null || live.isNull()) {
            return desired.isContainerNode() && desired.isEmpty();
        }
        if (desired.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean same = ATOMIC_FIELD.equals(field.getKey())
                        ? field.getValue().equals(live.get(field.getKey()))
                        : derivative(field.getValue(), live.get(field.getKey()));
                if (!same) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!live.isArray() || live.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!derivative(desired.get(i), live.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return desired.equals(live) || (desired.isNumber() && live.isNumber()
                && desired.decimalValue().compareTo(live.decimalValue()) == 0);
    }
}
