package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Trigger's classic {@code filter.attributes}: every named attribute (extensions included) must be
 * present and equal to the given value; the value {@code ""} accepts any non-empty value, as Knative does.
 */
final class AttributesFilter implements EventFilter {
    private final Map<String, String> attributes;

    AttributesFilter(Map<String, String> attributes) {
        this.attributes = new LinkedHashMap<>(attributes);
    }

    @Override
    public boolean test(CloudEvent event) {
        for (Map.Entry<String, String> wanted : attributes.entrySet()) {
            String actual = EventAttributes.lookup(event, wanted.getKey());
            if (actual == null || actual.isEmpty()) {
                return false;
            }
            if (!wanted.getValue().isEmpty() && !wanted.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }
}
