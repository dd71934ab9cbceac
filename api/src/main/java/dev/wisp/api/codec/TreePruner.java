package dev.wisp.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Removes what would only be noise in written YAML/JSON: null fields, empty lists, and a top-level
 * {@code status} that holds nothing. Empty objects elsewhere are kept because some carry meaning
 * (a probe's {@code tcpSocket: {}} probes the default port).
 */
final class TreePruner {
    private TreePruner() {
    }

    static JsonNode prune(JsonNode root) {
        pruneNode(root);
        if (root instanceof ObjectNode object) {
            JsonNode status = object.get("status");
            if (status != null && status.isObject() && status.isEmpty()) {
                object.remove("status");
            }
        }
        return root;
    }

    private static void pruneNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                JsonNode value = fields.next().getValue();
                pruneNode(value);
                if (value.isNull() || (value.isArray() && value.isEmpty())) {
                    fields.remove();
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(TreePruner::pruneNode);
        }
    }
}
