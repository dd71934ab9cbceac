package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;
import java.util.List;

/** The {@code any} dialect: at least one filter must pass. */
final class AnyFilter implements EventFilter {
    private final List<EventFilter> filters;

    AnyFilter(List<EventFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    @Override
    public boolean test(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (filter.test(event)) {
                return true;
            }
        }
        return false;
    }
}
