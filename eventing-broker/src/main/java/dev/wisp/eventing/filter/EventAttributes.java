package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.types.Time;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * Reads a context attribute or extension of a CloudEvent as the string filters compare:
 * {@code specversion} as "1.0", URIs as written, {@code time} (and time extensions) in RFC 3339,
 * binary extensions in Base64, numbers and booleans in their canonical form.
 */
final class EventAttributes {
    private EventAttributes() {
    }

    /** The attribute's value as a string, or null when the event does not have it. */
    static String lookup(CloudEvent event, String name) {
        Object value;
        if (event.getSpecVersion().getAllAttributes().contains(name)) {
            value = event.getAttribute(name);
        } else {
            value = event.getExtension(name);
        }
        return value == null ? null : asString(value);
    }

    private static String asString(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }
}
