package dev.wisp.eventing.filter;

import dev.wisp.api.eventing.v1.SubscriptionsApiFilter;
import dev.wisp.api.eventing.v1.TriggerSpec;
import io.cloudevents.sql.Parser;
import java.util.List;
import java.util.Map;

/** Turns a Trigger's {@code filter}/{@code filters} into a tree of {@link EventFilter}s, parsing CESQL once. */
final class FilterCompiler {
    private FilterCompiler() {
    }

    static EventFilter compile(TriggerSpec spec) {
        if (spec == null) {
            return EventFilter.ALL;
        }
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            return new AllFilter(compileEach(spec.getFilters()));
        }
        if (spec.getFilter() != null && !spec.getFilter().getAttributes().isEmpty()) {
            return new AttributesFilter(spec.getFilter().getAttributes());
        }
        return EventFilter.ALL;
    }

    static EventFilter compile(SubscriptionsApiFilter filter) {
        if (filter == null) {
            return EventFilter.ALL;
        }
        if (filter.getExact() != null) {
            return single(AttributeMatch.Kind.EXACT, filter.getExact());
        }
        if (filter.getPrefix() != null) {
            return single(AttributeMatch.Kind.PREFIX, filter.getPrefix());
        }
        if (filter.getSuffix() != null) {
            return single(AttributeMatch.Kind.SUFFIX, filter.getSuffix());
        }
        if (filter.getAll() != null) {
            return new AllFilter(compileEach(filter.getAll()));
        }
        if (filter.getAny() != null) {
            return filter.getAny().isEmpty() ? EventFilter.ALL : new AnyFilter(compileEach(filter.getAny()));
        }
        if (filter.getNot() != null) {
            EventFilter inner = compile(filter.getNot());
            return event -> !inner.test(event);
        }
        if (filter.getCesql() != null) {
            return new CesqlFilter(Parser.parseDefault(filter.getCesql()));
        }
        return EventFilter.ALL;
    }

    private static List<EventFilter> compileEach(List<SubscriptionsApiFilter> filters) {
        return filters.stream().map(FilterCompiler::compile).toList();
    }

    /** exact/prefix/suffix name one attribute (validation makes sure); several are all required here. */
    private static EventFilter single(AttributeMatch.Kind kind, Map<String, String> attributes) {
        List<EventFilter> matches = attributes.entrySet().stream()
                .<EventFilter>map(e -> new AttributeMatch(kind, e.getKey(), e.getValue()))
                .toList();
        return matches.size() == 1 ? matches.get(0) : new AllFilter(matches);
    }
}
