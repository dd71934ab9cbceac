package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Edits a Service's JSON as {@code kn service update --env/--image/--annotation} does: {@code K=V}
 * sets, {@code K-} removes. Autoscaling annotations go on the revision template, the rollout
 * duration on the Service, others on both. A changed template loses its own
 * {@code metadata.name} so that the new revision gets a new generated name.
 */
final class TemplateEdits {
    private static final String ROLLOUT_DURATION = "serving.knative.dev/rollout-duration";

    private TemplateEdits() {
    }

    /** Applies the edits to {@code service} in place; true if the revision template changed. */
    static boolean apply(ObjectNode service, Map<String, String> env, String image, Map<String, String> annotations) {
        ObjectNode template = object(object(service, "spec"), "template");
        String before = template.toString();
        ObjectNode container = firstContainer(template);
        if (image != null) {
            container.put("image", image);
        }
        env.forEach((name, value) -> setEnv(container, name, value));
        annotations.forEach((key, value) -> {
            if (!key.startsWith("autoscaling.knative.dev/")) {
                set(object(object(service, "metadata"), "annotations"), key, value);
            }
            if (!key.equals(ROLLOUT_DURATION)) {
                set(object(object(template, "metadata"), "annotations"), key, value);
            }
        });
        boolean changed = !before.equals(template.toString());
        if (changed && template.path("metadata").has("name")) {
            ((ObjectNode) template.get("metadata")).remove("name");
        }
        return changed;
    }

    /** {@code KEY=VALUE} sets, {@code KEY-} removes (value null). */
    static void put(Map<String, String> into, String flag, String text) {
        if (text.endsWith("-") && !text.contains("=")) {
            into.put(text.substring(0, text.length() - 1), null);
            return;
        }
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new CliException(flag + " expects KEY=VALUE or KEY- (to remove), got \"" + text + "\"");
        }
        into.put(text.substring(0, eq), text.substring(eq + 1));
    }

    private static void setEnv(ObjectNode container, String name, String value) {
        JsonNode existing = container.get("env");
        ArrayNode env = existing instanceof ArrayNode array ? array : container.putArray("env");
        for (Iterator<JsonNode> it = env.iterator(); it.hasNext(); ) {
            if (name.equals(it.next().path("name").asText())) {
                it.remove();
            }
        }
        if (value != null) {
            env.addObject().put("name", name).put("value", value);
        }
    }

    private static void set(ObjectNode map, String key, String value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static ObjectNode firstContainer(ObjectNode template) {
        JsonNode containers = object(template, "spec").get("containers");
        if (!(containers instanceof ArrayNode array) || array.isEmpty() || !array.get(0).isObject()) {
            throw new CliException("the service has no container to change");
        }
        return (ObjectNode) array.get(0);
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        return child instanceof ObjectNode object ? object : parent.putObject(field);
    }
}
