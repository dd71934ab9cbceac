package dev.wisp.deploy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the rules of a Kubernetes structural schema that a generated CRD can break, and returns
 * each violation with its path: every node has a {@code type} (unless it is int-or-string or
 * preserves unknown fields), {@code properties} and {@code additionalProperties} are not both set,
 * {@code x-kubernetes-preserve-unknown-fields} is never false, and the root's {@code metadata}
 * specifies at most {@code name} and {@code generateName}.
 */
public final class StructuralSchema {
    private StructuralSchema() {
    }

    /** The violations in a CRD version's {@code openAPIV3Schema}; empty when it is structural. */
    public static List<String> violations(JSONSchemaProps root) {
        List<String> out = new ArrayList<>();
        if (!"object".equals(root.getType())) {
            out.add("<root>: type must be object, got " + root.getType());
        }
        JSONSchemaProps metadata = root.getProperties() == null ? null : root.getProperties().get("metadata");
        if (metadata != null && metadata.getProperties() != null) {
            metadata.getProperties().keySet().stream()
                    .filter(k -> !k.equals("name") && !k.equals("generateName"))
                    .forEach(k -> out.add("metadata." + k + ": the root metadata may only restrict name and generateName"));
        }
        check("", root, out);
        return out;
    }

    private static void check(String path, JSONSchemaProps node, List<String> out) {
        String here = path.isEmpty() ? "<root>" : path;
        boolean intOrString = Boolean.TRUE.equals(node.getXKubernetesIntOrString());
        boolean preserve = Boolean.TRUE.equals(node.getXKubernetesPreserveUnknownFields());
        if (Boolean.FALSE.equals(node.getXKubernetesPreserveUnknownFields())) {
            out.add(here + ": x-kubernetes-preserve-unknown-fields must be true or absent");
        }
        if ((node.getType() == null || node.getType().isEmpty()) && !intOrString && !preserve) {
            out.add(here + ": no type");
        }
        boolean hasProperties = node.getProperties() != null && !node.getProperties().isEmpty();
        boolean hasAdditional = node.getAdditionalProperties() != null && node.getAdditionalProperties().getSchema() != null;
        if (hasProperties && hasAdditional) {
            out.add(here + ": properties and additionalProperties are mutually exclusive");
        }
        if (hasProperties) {
            for (Map.Entry<String, JSONSchemaProps> property : node.getProperties().entrySet()) {
                check(join(path, property.getKey()), property.getValue(), out);
            }
        }
        if (hasAdditional) {
            check(join(path, "*"), node.getAdditionalProperties().getSchema(), out);
        }
        if (node.getItems() != null && node.getItems().getSchema() != null) {
            check(path + "[]", node.getItems().getSchema(), out);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
