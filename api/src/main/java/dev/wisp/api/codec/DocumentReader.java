package dev.wisp.api.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text into resource trees: multi-document YAML ({@code ---}), or JSON holding one
 * object, an array of objects, or a Kubernetes {@code List} with {@code items}. A YAML document
 * may also be a {@code List}. Empty YAML documents are skipped.
 */
final class DocumentReader {
    private static final Pattern PROBLEM_MARK = Pattern.compile(" in '[^']*', line (\\d+), column (\\d+)");

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    DocumentReader(ObjectMapper json, ObjectMapper yaml) {
        this.json = json;
        this.yaml = yaml;
    }

    List<Document> read(String text) {
        if (text == null || text.isBlank()) {
            throw new CodecException("no resources: the input is empty");
        }
        List<Document> documents = looksLikeJson(text) ? readJson(text) : readYaml(text);
        if (documents.isEmpty()) {
            throw new CodecException("no resources: the input holds only empty documents");
        }
        return documents;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private List<Document> readJson(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw syntaxError("JSON", e);
        }
        List<Document> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                addDocument(out, "item " + (i + 1), root.get(i));
            }
        } else {
            addDocument(out, "document 1", root);
        }
        return out;
    }

    private List<Document> readYaml(String text) {
        List<Document> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(text)) {
            int number = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                // an empty document (comments only, or a trailing ---) reads as null or ""
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isTextual() && doc.asText().isEmpty())) {
                    continue;
                }
                number++;
                addDocument(out, "document " + number, doc);
            }
        } catch (JacksonException e) {
            throw syntaxError("YAML", e);
        } catch (java.io.IOException e) {
            throw new CodecException("invalid YAML: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // MappingIterator wraps parse errors met in hasNextValue() in a RuntimeException
            if (e.getCause() instanceof JacksonException je) {
                throw syntaxError("YAML", je);
            }
            throw e;
        }
        return out;
    }

    /** Adds a resource, or each of a Kubernetes List's items. */
    private static void addDocument(List<Document> out, String label, JsonNode node) {
        if (!node.isObject()) {
            throw new CodecException(label + ": expected an object with apiVersion and kind, got " + Describe.node(node));
        }
        JsonNode items = node.get("items");
        String kind = node.path("kind").asText("");
        if (items != null && (kind.equals("List") || kind.endsWith("List"))) {
            if (!items.isArray()) {
                throw new CodecException(label + ": items: expected a list, got " + Describe.node(items));
            }
            for (int i = 0; i < items.size(); i++) {
                addDocument(out, label + ", items[" + i + "]", items.get(i));
            }
            return;
        }
        out.add(new Document(label, node));
    }

    private static CodecException syntaxError(String format, JacksonException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        // SnakeYAML marks the context first and the problem last; point at the problem
        Matcher marks = PROBLEM_MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        while (marks.find()) {
            where = " at line " + marks.group(1) + ", column " + marks.group(2);
        }
        return new CodecException("invalid " + format + where + ": " + problem(e.getOriginalMessage()), e);
    }

    /** The parser's problem without its source snippets: SnakeYAML reports context, snippet, problem, snippet. */
    private static String problem(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String joined = String.join(": ", message.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" in ") && !line.startsWith("    "))
                .map(String::strip)
                .toList());
        return joined.isEmpty() ? firstLine(message) : joined;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "unreadable input" : line;
    }
}
