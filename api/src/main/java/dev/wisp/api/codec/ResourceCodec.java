package dev.wisp.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes Wisp resources as YAML or JSON. {@link #readAll(String)} accepts
 * multi-document YAML, a JSON object, a JSON array or a Kubernetes {@code List}, and picks each
 * document's class by apiVersion + kind from a {@link KindRegistry}. Fields the model does not know
 * are kept (in {@code UnknownFields} or fabric8's {@code additionalProperties}) for validation to
 * reject by name. Every failure is a {@link CodecException} with a one-line message. Thread-safe.
 */
public final class ResourceCodec {
    /** The top-level fields of a Kubernetes resource; anything else is rejected by name. */
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");

    private final KindRegistry kinds;
    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final DocumentReader reader;

    /** A codec for the Knative kinds: {@code serving.knative.dev/v1} and {@code eventing.knative.dev/v1}. */
    public ResourceCodec() {
        this(KindRegistry.knative());
    }

    /** A codec for the kinds in {@code kinds}. */
    public ResourceCodec(KindRegistry kinds) {
        this.kinds = kinds;
        this.json = configure(JsonMapper.builder().build());
        this.yaml = configure(YAMLMapper.builder(YAMLFactory.builder()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build()).build());
        this.reader = new DocumentReader(json, yaml);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Reads every resource in a YAML or JSON text, in order. */
    public List<HasMetadata> readAll(String text) {
        List<HasMetadata> out = new ArrayList<>();
        for (Document doc : reader.read(text)) {
            out.add(bind(doc, resolveKind(doc)));
        }
        return out;
    }

    /**
     * Reads a text that holds exactly one resource or object into {@code type}. For a registered
     * kind, the document's apiVersion and kind must match it.
     */
    public <T> T read(String text, Class<T> type) {
        List<Document> docs = reader.read(text);
        if (docs.size() != 1) {
            throw new CodecException("expected one document, got " + docs.size());
        }
        Document doc = docs.get(0);
        if (kinds.contains(type)) {
            Class<? extends HasMetadata> actual = resolveKind(doc);
            if (!actual.equals(type)) {
                throw new CodecException(doc.label() + ": expected kind " + type.getSimpleName()
                        + ", got " + actual.getSimpleName());
            }
        }
        return bind(doc, type);
    }

    /** Writes a resource (or a collection of them as a multi-document stream) as YAML. */
    public String toYaml(Object value) {
        if (value instanceof Collection<?> many) {
            StringBuilder out = new StringBuilder();
            for (Object one : many) {
                out.append(out.isEmpty() ? "" : "---\n").append(write(yaml, toTree(one)));
            }
            return out.toString();
        }
        return write(yaml, toTree(value));
    }

    /** Writes a value as pretty-printed JSON (a collection as a JSON array). */
    public String toJson(Object value) {
        return write(json.writerWithDefaultPrettyPrinter(), toTree(value));
    }

    /** The tree {@link #toYaml} and {@link #toJson} write: nulls, empty lists and an empty status removed. */
    public JsonNode toTree(Object value) {
        JsonNode tree = json.valueToTree(value);
        if (tree.isArray()) {
            tree.forEach(TreePruner::prune);
            return tree;
        }
        return TreePruner.prune(tree);
    }

    private Class<? extends HasMetadata> resolveKind(Document doc) {
        String apiVersion = requiredText(doc, "apiVersion");
        String kind = requiredText(doc, "kind");
        Class<? extends HasMetadata> type = kinds.find(apiVersion, kind).orElseThrow(() -> new CodecException(
                doc.label() + ": kind " + kind + " (" + apiVersion + ") is not supported; supported kinds: "
                        + String.join(", ", kinds.kindNames())));
        doc.tree().fieldNames().forEachRemaining(field -> {
            if (!TOP_LEVEL_FIELDS.contains(field)) {
                throw new CodecException(doc.label() + ": " + field + ": unknown field (a " + kind
                        + " has apiVersion, kind, metadata, spec and status)");
            }
        });
        return type;
    }

    private static String requiredText(Document doc, String field) {
        JsonNode node = doc.tree().get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            throw new CodecException(doc.label() + ": missing " + field);
        }
        if (!node.isTextual()) {
            throw new CodecException(doc.label() + ": " + field + ": expected a string, got " + Describe.node(node));
        }
        return node.asText();
    }

    private <T> T bind(Document doc, Class<T> type) {
        try {
            return json.treeToValue(doc.tree(), type);
        } catch (JsonMappingException e) {
            throw BindingErrors.describe(doc.label(), doc.tree(), e);
        } catch (JsonProcessingException e) {
            throw new CodecException(doc.label() + ": " + DocumentReader.firstLine(e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new CodecException(doc.label() + ": " + DocumentReader.firstLine(e.getMessage()), e);
        }
    }

    private static String write(ObjectMapper mapper, JsonNode tree) {
        return write(mapper.writer(), tree);
    }

    private static String write(com.fasterxml.jackson.databind.ObjectWriter writer, JsonNode tree) {
        try {
            return writer.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write: " + DocumentReader.firstLine(e.getOriginalMessage()), e);
        }
    }
}
