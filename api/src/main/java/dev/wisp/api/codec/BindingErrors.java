package dev.wisp.api.codec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;

/**
 * Turns a Jackson binding failure into a one-line message naming the field path, what was
 * expected and what was found: {@code spec.template.spec.containerConcurrency: expected an integer, got "abc"}.
 */
final class BindingErrors {
    private BindingErrors() {
    }

    static CodecException describe(String label, JsonNode tree, JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String path = path(refs);
        String prefix = label + ": " + (path.isEmpty() ? "" : path + ": ");
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            JsonNode found = find(tree, refs);
            return new CodecException(prefix + "expected " + Describe.type(mismatch.getTargetType())
                    + ", got " + Describe.node(found), e);
        }
        return new CodecException(prefix + DocumentReader.firstLine(e.getOriginalMessage()), e);
    }

    /** Knative-style path: {@code spec.template.spec.containers[0].ports[1].containerPort}. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonNode find(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                node = node.path(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                node = node.path(ref.getIndex());
            }
        }
        return node;
    }
}
