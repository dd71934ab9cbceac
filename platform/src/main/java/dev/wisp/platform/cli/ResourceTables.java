package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the tables {@code wisp get} prints, one layout per resource type (after {@code kn}'s). */
final class ResourceTables {
    private final ApiClient client;
    private final ClientOptions options;
    private final boolean withNamespace;
    private final Instant now;

    ResourceTables(ApiClient client, ClientOptions options, boolean withNamespace, Instant now) {
        this.client = client;
        this.options = options;
        this.withNamespace = withNamespace;
        this.now = now;
    }

    Table table(ResourceType type, List<JsonNode> items) {
        return switch (type) {
            case SERVICES -> rows(items, new String[] {"NAME", "URL", "LATEST", "AGE", "READY", "REASON"},
                    v -> new String[] {v.name(), v.status("url"), v.status("latestReadyRevisionName"), v.age(now), v.ready(), v.readyReason()});
            case CONFIGURATIONS -> rows(items, new String[] {"NAME", "LATESTCREATED", "LATESTREADY", "AGE", "READY", "REASON"},
                    v -> new String[] {v.name(), v.status("latestCreatedRevisionName"), v.status("latestReadyRevisionName"), v.age(now), v.ready(), v.readyReason()});
            case ROUTES -> rows(items, new String[] {"NAME", "URL", "AGE", "READY", "REASON"},
                    v -> new String[] {v.name(), v.status("url"), v.age(now), v.ready(), v.readyReason()});
            case REVISIONS -> revisions(items);
        };
    }

    private Table revisions(List<JsonNode> items) {
        Map<String, String> traffic = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        String servicesPath = withNamespace ? "/apis/serving.knative.dev/v1/services" : options.namespacePath("services");
        for (JsonNode service : client.get(servicesPath).path("items")) {
            String ns = service.path("metadata").path("namespace").asText();
            for (JsonNode target : service.path("status").path("traffic")) {
                String key = ns + "/" + target.path("revisionName").asText();
                long percent = target.path("percent").asLong(0) + Long.parseLong(traffic.getOrDefault(key, "0%").replace("%", ""));
                traffic.put(key, percent + "%");
                if (target.hasNonNull("tag")) {
                    tags.computeIfAbsent(key, k -> new ArrayList<>()).add(target.get("tag").asText());
                }
            }
        }
        return rows(items, new String[] {"NAME", "SERVICE", "TRAFFIC", "TAGS", "GENERATION", "AGE", "INSTANCES", "READY", "REASON"},
                v -> {
                    String key = v.namespace() + "/" + v.name();
                    String instances = v.statusNode("actualReplicas").asInt(0) + "/" + v.statusNode("desiredReplicas").asInt(0);
                    return new String[] {v.name(), v.label("serving.knative.dev/service"), traffic.getOrDefault(key, ""),
                            String.join(",", tags.getOrDefault(key, List.of())), v.label("serving.knative.dev/configurationGeneration"),
                            v.age(now), instances, v.ready(), v.readyReason()};
                });
    }

    private Table rows(List<JsonNode> items, String[] header, java.util.function.Function<ResourceView, String[]> cells) {
        Table table = new Table(withNamespace ? prepend("NAMESPACE", header) : header);
        for (JsonNode item : items) {
            ResourceView view = new ResourceView(item);
            String[] row = cells.apply(view);
            table.row(withNamespace ? prepend(view.namespace(), row) : row);
        }
        return table;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
