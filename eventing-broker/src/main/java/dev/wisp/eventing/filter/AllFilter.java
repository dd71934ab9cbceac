package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;
import java.util.List;

/** The {@code all} dialect (and the list of {@code filters} itself): every filter must pass; none passes everything. */
final class AllFilter implements EventFilter {
    private final List<EventFilter> filters;

    AllFilter(List<EventFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    @Override
    public boolean test(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (!filter.test(event)) {
                return false;
            }
        }
        return true;
    }
}
