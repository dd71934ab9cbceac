package dev.wisp.platform.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The equality-based {@code labelSelector} of a list request ({@code a=b,c=d}). */
record LabelSelector(Map<String, String> required) {

    static LabelSelector from(RoutingContext ctx) {
        Map<String, String> required = new LinkedHashMap<>();
        for (String value : ctx.queryParam("labelSelector")) {
            for (String term : value.split(",")) {
                if (term.isBlank()) {
                    continue;
                }
                int eq = term.indexOf('=');
                if (eq <= 0) {
                    throw new BadRequestException(400, "BadRequest",
                            "labelSelector: \"" + term + "\" is not of the form key=value");
                }
                required.put(term.substring(0, eq).trim(), term.substring(eq + 1).replaceFirst("^=", "").trim());
            }
        }
        return new LabelSelector(required);
    }

    <T extends HasMetadata> List<T> filter(List<T> resources) {
        if (required.isEmpty()) {
            return resources;
        }
        return resources.stream().filter(this::matches).toList();
    }

    private boolean matches(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels != null && required.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
