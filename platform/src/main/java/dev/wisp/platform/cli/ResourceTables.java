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
            case ROUTES -> routes(items);
            case REVISIONS -> revisions(items);
            case BROKERS -> rows(items, new String[] {"NAME", "URL", "AGE", "READY", "REASON"},
                    v -> new String[] {v.name(), v.statusNode("address").path("url").asText(""), v.age(now), v.ready(), v.readyReason()});
            case BUILDS -> rows(items, new String[] {"NAME", "SUCCEEDED", "REASON", "IMAGE", "URL", "AGE"},
                    v -> new String[] {v.name(), conditionStatus(v, "Succeeded"), conditionReason(v, "Succeeded"),
                            v.status("image"), v.status("url"), v.age(now)});
            case TRIGGERS -> rows(items, new String[] {"NAME", "BROKER", "SUBSCRIBER", "AGE", "READY", "REASON"},
                    v -> new String[] {v.name(), v.spec().path("broker").asText(""), TriggerDescription.subscriber(v.spec(), v.statusNode("subscriberUri")),
                            v.age(now), v.ready(), v.readyReason()});
        };
    }

    private static String conditionStatus(ResourceView view, String type) {
        JsonNode condition = view.condition(type);
        return condition == null ? "Unknown" : condition.path("status").asText();
    }

    private static String conditionReason(ResourceView view, String type) {
        JsonNode condition = view.condition(type);
        return condition == null ? "" : condition.path("reason").asText("");
    }

    private Table revisions(List<JsonNode> items) {
        Map<String, String> traffic = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        // Routes, not Services: a Route of a bare Configuration sends traffic too.
        String routesPath = withNamespace ? "/apis/serving.knative.dev/v1/routes" : options.namespacePath("routes");
        for (JsonNode route : client.get(routesPath).path("items")) {
            String ns = route.path("metadata").path("namespace").asText();
            for (JsonNode target : route.path("status").path("traffic")) {
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

    /** One row per URL: the route's own (its whole split), then one per tag (the revision that tag reaches). */
    private Table routes(List<JsonNode> items) {
        String[] header = {"NAME", "TAG", "URL", "TRAFFIC", "AGE", "READY", "REASON"};
        Table table = new Table(withNamespace ? prepend("NAMESPACE", header) : header);
        for (JsonNode item : items) {
            ResourceView v = new ResourceView(item);
            List<String> split = new ArrayList<>();
            for (JsonNode target : v.statusNode("traffic")) {
                if (target.path("percent").asLong(0) > 0) {
                    split.add(target.path("percent").asLong() + "% " + target.path("revisionName").asText());
                }
            }
            addRoute(table, v, new String[] {v.name(), "", v.status("url"), String.join(", ", split), v.age(now),
                    v.ready(), v.readyReason()});
            for (JsonNode target : v.statusNode("traffic")) {
                if (target.hasNonNull("tag")) {
                    addRoute(table, v, new String[] {v.name(), target.get("tag").asText(), target.path("url").asText(""),
                            target.path("revisionName").asText(), "", "", ""});
                }
            }
        }
        return table;
    }

    private void addRoute(Table table, ResourceView view, String[] row) {
        table.row(withNamespace ? prepend(view.namespace(), row) : row);
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
