package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads what the CLI shows out of a resource's JSON: names, conditions, ages. */
final class ResourceView {
    private final JsonNode node;

    ResourceView(JsonNode node) {
        this.node = node;
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    String namespace() {
        return node.path("metadata").path("namespace").asText();
    }

    String label(String key) {
        return node.path("metadata").path("labels").path(key).asText("");
    }

    String status(String field) {
        return node.path("status").path(field).asText("");
    }

    JsonNode statusNode(String field) {
        return node.path("status").path(field);
    }

    JsonNode spec() {
        return node.path("spec");
    }

    JsonNode condition(String type) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }

    /** True, False or Unknown for the Ready condition ("Unknown" when absent). */
    String ready() {
        JsonNode ready = condition("Ready");
        return ready == null ? "Unknown" : ready.path("status").asText();
    }

    String readyReason() {
        JsonNode ready = condition("Ready");
        return ready == null ? "" : ready.path("reason").asText("");
    }

    String age(Instant now) {
        String created = node.path("metadata").path("creationTimestamp").asText("");
        try {
            return human(Duration.between(Instant.parse(created), now));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m";
        }
        if (s < 172800) {
            return (s / 3600) + "h";
        }
        return (s / 86400) + "d";
    }
}
