package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Renders {@code wisp describe service}: a readable page, failures with their messages in full. */
final class ServiceDescription {
    private final ApiClient client;
    private final ClientOptions options;
    private final Instant now;
    private final StringBuilder out = new StringBuilder();
    private String metrics;

    ServiceDescription(ApiClient client, ClientOptions options, Instant now) {
        this.client = client;
        this.options = options;
        this.now = now;
    }

    String render(JsonNode serviceNode, JsonNode revisions) {
        ResourceView service = new ResourceView(serviceNode);
        line("Name:       %s", service.name());
        line("Namespace:  %s", service.namespace());
        line("URL:        %s", service.status("url"));
        line("Age:        %s", service.age(now));
        line("Ready:      %s %s", service.ready(), service.readyReason());
        out.append("\nTraffic:\n");
        for (JsonNode t : service.statusNode("traffic")) {
            line("  %4s%%  %s%s%s", t.path("percent").asText("0"), t.path("revisionName").asText(),
                    t.path("latestRevision").asBoolean(false) ? " (latest)" : "",
                    t.hasNonNull("tag") ? "  #" + t.get("tag").asText() + " " + t.path("url").asText("") : "");
        }
        out.append("\nConditions:\n");
        conditions(serviceNode, "  ");
        out.append("\nRevisions:\n");
        for (JsonNode revisionNode : revisions) {
            revision(revisionNode);
        }
        return out.toString();
    }

    private void revision(JsonNode revisionNode) {
        ResourceView revision = new ResourceView(revisionNode);
        JsonNode container = revision.spec().path("containers").path(0);
        line("  %s  (ready %s, instances %d/%d, age %s)", revision.name(), revision.ready(),
                revision.statusNode("actualReplicas").asInt(0), revision.statusNode("desiredReplicas").asInt(0), revision.age(now));
        autoscaler(revision.namespace(), revision.name());
        JsonNode view = client.get(options.namespacePath("revisions") + "/" + revision.name() + "/instances");
        String digest = view.path("imageDigest").asText("");
        line("    Image:    %s%s", container.path("image").asText(), digest.isEmpty() ? "" : "  (runs " + digest + ")");
        if (container.has("command")) {
            line("    Command:  %s", container.path("command").toString());
        }
        conditions(revisionNode, "    ");
        for (JsonNode instance : view.path("items")) {
            line("    Instance %s  pid=%s port=%s state=%s restarts=%s", instance.path("id").asText(), instance.path("pid").asText(),
                    instance.path("port").asText(), instance.path("state").asText(), instance.path("restarts").asText());
        }
    }

    /** The autoscaler's view of a revision, from its Knative-named gauges on the metrics endpoint. */
    private void autoscaler(String namespace, String revision) {
        AutoscalerGauges gauges = AutoscalerGauges.of(metricsText(), namespace, revision);
        if (gauges.isEmpty()) {
            return;
        }
        boolean rps = !Double.isNaN(gauges.value("stable_requests_per_second"));
        String metric = rps ? "rps" : "concurrency";
        String suffix = rps ? "requests_per_second" : "request_concurrency";
        line("    Autoscaler: desired %s, actual %s, mode %s, %s stable %s, panic %s, target %s", gauges.count("desired_pods"),
                gauges.count("actual_pods"), gauges.value("panic_mode") > 0 ? "panic" : "stable", metric,
                gauges.decimal("stable_" + suffix), gauges.decimal("panic_" + suffix),
                gauges.decimal(rps ? "target_requests_per_second" : "target_concurrency_per_pod"));
    }

    private String metricsText() {
        if (metrics == null) {
            try {
                metrics = client.getText("/q/metrics", "text/plain");
            } catch (RuntimeException e) {
                metrics = ""; // an older server without metrics: describe without the autoscaler line
            }
        }
        return metrics;
    }

    private void conditions(JsonNode node, String indent) {
        JsonNode all = node.path("status").path("conditions");
        for (JsonNode c : all) {
            line("%s%-20s %-8s %s", indent, c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(""));
            String message = c.path("message").asText("");
            if (!message.isEmpty() && !repeatsAnother(all, c)) {
                message.lines().forEach(l -> line("%s    %s", indent, l));
            }
        }
    }

    /** Ready repeats the message of the condition it was derived from: print that message once. */
    private static boolean repeatsAnother(JsonNode all, JsonNode condition) {
        if (!"Ready".equals(condition.path("type").asText())) {
            return false;
        }
        for (JsonNode other : all) {
            if (other != condition && other.path("message").asText("").equals(condition.path("message").asText())) {
                return true;
            }
        }
        return false;
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args).stripTrailing()).append('\n');
    }
}
