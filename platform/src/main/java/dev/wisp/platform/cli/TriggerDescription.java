package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code wisp describe trigger}: broker, filter, subscriber, delivery (the Trigger's own or its
 * Broker's), delivery order, the dispatcher's counts from {@code status.deliveryCounts}, and conditions.
 */
final class TriggerDescription {
    private static final String ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";

    private final StringBuilder out = new StringBuilder();
    private final Instant now;

    private TriggerDescription(Instant now) {
        this.now = now;
    }

    /** Prints the trigger {@code name} of the options' namespace; exit code 0. */
    static int describe(ClientOptions options, String name, Instant now) {
        ApiClient client = options.client();
        JsonNode trigger = client.find(ResourceType.TRIGGERS.namespacePath(options.namespace) + "/" + name);
        if (trigger == null) {
            throw new CliException("trigger \"" + name + "\" not found in namespace " + options.namespace);
        }
        String brokerName = trigger.path("spec").path("broker").asText("");
        JsonNode broker = brokerName.isEmpty() ? null : client.find(ResourceType.BROKERS.namespacePath(options.namespace) + "/" + brokerName);
        System.out.print(new TriggerDescription(now).render(trigger, broker));
        return 0;
    }

    /** The subscriber as kn shows it: {@code ksvc:NAME}, {@code broker:NAME} or the URI; the resolved URI when known. */
    static String subscriber(JsonNode spec, JsonNode resolvedUri) {
        return destination(spec.path("subscriber"), resolvedUri);
    }

    /** A Knative Destination as kn shows it. */
    static String destination(JsonNode subscriber, JsonNode resolvedUri) {
        JsonNode ref = subscriber.path("ref");
        String shown;
        if (ref.isObject()) {
            String kind = ref.path("kind").asText();
            shown = ("Service".equals(kind) ? "ksvc" : kind.toLowerCase()) + ":" + ref.path("name").asText()
                    + subscriber.path("uri").asText("");
        } else {
            shown = subscriber.path("uri").asText("");
        }
        String resolved = resolvedUri == null ? "" : resolvedUri.asText("");
        return resolved.isEmpty() || resolved.equals(shown) || !ref.isObject() ? shown : shown + " (" + resolved + ")";
    }

    String render(JsonNode triggerNode, JsonNode brokerNode) {
        ResourceView trigger = new ResourceView(triggerNode);
        JsonNode spec = trigger.spec();
        line("Name:        %s", trigger.name());
        line("Namespace:   %s", trigger.namespace());
        line("Broker:      %s%s", spec.path("broker").asText(""), brokerNode == null ? " (not found)" : "");
        line("Age:         %s", trigger.age(now));
        line("Ready:       %s %s", trigger.ready(), trigger.readyReason());
        line("Subscriber:  %s", subscriber(spec, trigger.statusNode("subscriberUri")));
        line("Order:       %s", triggerNode.path("metadata").path("annotations").path(ORDER_ANNOTATION).asText("unordered"));
        out.append("\nFilter:\n");
        filter(spec);
        out.append("\nDelivery:\n");
        delivery(spec.path("delivery"), brokerNode == null ? null : brokerNode.path("spec").path("delivery"));
        out.append("\nEvents:\n");
        counts(trigger.statusNode("deliveryCounts"));
        out.append("\nConditions:\n");
        if (trigger.statusNode("conditions").isEmpty()) {
            line("  (none reported yet)");
        }
        for (JsonNode c : trigger.statusNode("conditions")) {
            line("  %-24s %-8s %s", c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(""));
            if (!c.path("message").asText("").isEmpty()) {
                line("      %s", c.path("message").asText());
            }
        }
        return out.toString();
    }

    private void filter(JsonNode spec) {
        JsonNode filters = spec.path("filters");
        if (filters.isArray() && !filters.isEmpty()) {
            filters.forEach(f -> line("  %s", FilterText.of(f)));
            if (!spec.path("filter").path("attributes").isEmpty()) {
                line("  (spec.filter is ignored: spec.filters overrides it)");
            }
            return;
        }
        JsonNode attributes = spec.path("filter").path("attributes");
        if (attributes.isEmpty()) {
            line("  every event");
            return;
        }
        List<String> parts = new ArrayList<>();
        attributes.fields().forEachRemaining(e -> parts.add(e.getKey() + " = " + (e.getValue().asText().isEmpty() ? "(any)" : e.getValue().asText())));
        line("  attributes: %s", String.join(", ", parts));
    }

    private void delivery(JsonNode own, JsonNode brokers) {
        JsonNode delivery = own;
        String from = "";
        if (own.isMissingNode() && brokers != null && !brokers.isMissingNode()) {
            delivery = brokers;
            from = " (the broker's)";
        }
        if (delivery.isMissingNode() || delivery.isEmpty()) {
            line("  one try, no retry; undeliverable events are parked");
            return;
        }
        line("  Retry:        %s%s", delivery.path("retry").asText("0"), from);
        line("  Backoff:      %s %s", delivery.path("backoffPolicy").asText("exponential"), delivery.path("backoffDelay").asText("PT0.2S"));
        line("  Timeout:      %s", delivery.path("timeout").asText("PT300S"));
        JsonNode sink = delivery.path("deadLetterSink");
        line("  Dead letters: %s", sink.isMissingNode() ? "(none: parked)" : destination(sink, null));
    }

    private void counts(JsonNode counts) {
        if (counts.isMissingNode() || counts.isEmpty()) {
            line("  (no counts reported yet)");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("updatedAt")) {
                parts.add(e.getKey() + " " + e.getValue().asText());
            }
        }
        line("  %s", String.join(", ", parts));
        if (counts.has("updatedAt")) {
            line("  (as of %s)", counts.path("updatedAt").asText());
        }
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args).stripTrailing()).append('\n');
    }
}
