package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Trigger's classic {@code filter}: {@code attributes} that must all equal the event's attributes
 * (extensions included); the value {@code ""} matches any non-empty value, as in Knative.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerFilter extends UnknownFields {
    private Map<String, String> attributes = new LinkedHashMap<>();

    public TriggerFilter() {
    }

    public TriggerFilter(Map<String, String> attributes) {
        setAttributes(attributes);
    }

    public Map<String, String> getAttributes() { return attributes; }
    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(attributes);
    }
}
