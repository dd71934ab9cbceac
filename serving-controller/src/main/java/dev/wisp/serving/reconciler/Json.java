package dev.wisp.serving.reconciler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Deep copies and structural comparison of resources and their parts through their JSON form,
 * which is what the store persists and what users see.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** A deep copy of {@code value} as a {@code type}; null stays null. */
    public static <T> T copy(Object value, Class<T> type) {
        return value == null ? null : MAPPER.convertValue(value, type);
    }

    /** The JSON tree of a value (a {@link NullNode} for null). */
    public static JsonNode tree(Object value) {
        return value == null ? NullNode.getInstance() : MAPPER.valueToTree(value);
    }

    /** Whether two values have the same JSON form. */
    public static boolean same(Object a, Object b) {
        return tree(a).equals(tree(b));
    }
}
