package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;

/** The {@code exact}, {@code prefix} and {@code suffix} dialects: one attribute compared with one value; a missing attribute fails. */
final class AttributeMatch implements EventFilter {
    /** How the attribute is compared. */
    enum Kind { EXACT, PREFIX, SUFFIX }

    private final Kind kind;
    private final String attribute;
    private final String value;

    AttributeMatch(Kind kind, String attribute, String value) {
        this.kind = kind;
        this.attribute = attribute;
        this.value = value == null ? "" : value;
    }

    @Override
    public boolean test(CloudEvent event) {
        String actual = EventAttributes.lookup(event, attribute);
        if (actual == null) {
            return false;
        }
        return switch (kind) {
            case EXACT -> actual.equals(value);
            case PREFIX -> actual.startsWith(value);
            case SUFFIX -> actual.endsWith(value);
        };
    }
}
