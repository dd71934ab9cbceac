package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes one entry of a Trigger's {@code filters} on one line: {@code not(prefix type "dev.knative.")}, {@code cesql: ...}. */
final class FilterText {
    private FilterText() {
    }

    static String of(JsonNode filter) {
        List<String> parts = new ArrayList<>();
        for (String dialect : List.of("exact", "prefix", "suffix")) {
            JsonNode map = filter.path(dialect);
            for (var it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(dialect + " " + e.getKey() + " \"" + e.getValue().asText() + "\"");
            }
        }
        if (filter.has("all")) {
            parts.add("all(" + list(filter.get("all")) + ")");
        }
        if (filter.has("any")) {
            parts.add("any(" + list(filter.get("any")) + ")");
        }
        if (filter.has("not")) {
            parts.add("not(" + of(filter.get("not")) + ")");
        }
        if (filter.has("cesql")) {
            parts.add("cesql: " + filter.get("cesql").asText());
        }
        return parts.isEmpty() ? "every event" : String.join(" and ", parts);
    }

    private static String list(JsonNode filters) {
        List<String> parts = new ArrayList<>();
        filters.forEach(f -> parts.add(of(f)));
        return String.join(", ", parts);
    }
}
