package dev.wisp.api.eventing.v1;

import dev.wisp.api.validation.FieldErrors;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Trigger's {@code filter.attributes} and {@code filters} as Knative does: attribute
 * names are CloudEvents attribute names (lowercase letters and digits); each {@code filters} entry
 * uses at most one dialect; {@code exact}, {@code prefix} and {@code suffix} name exactly one
 * attribute; {@code all}/{@code any} entries and {@code not} are validated recursively; a
 * {@code cesql} expression must parse (the CloudEvents SQL parser's message is reported).
 */
final class FilterValidation {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]+");

    private FilterValidation() {
    }

    static void validateAttributes(String path, TriggerFilter filter, FieldErrors errors) {
        if (filter == null) {
            return;
        }
        errors.unknownFields(path, filter.getUnknownFields(), Set.of());
        filter.getAttributes().forEach((name, value) -> {
            attributeName(path + ".attributes", name, errors);
            if (value == null) {
                errors.add(path + ".attributes." + name, "must be a string (\"\" matches any value), got null");
            }
        });
    }

    static void validateFilters(String path, List<SubscriptionsApiFilter> filters, FieldErrors errors) {
        for (int i = 0; i < filters.size(); i++) {
            validate(path + "[" + i + "]", filters.get(i), errors);
        }
    }

    private static void validate(String path, SubscriptionsApiFilter filter, FieldErrors errors) {
        if (filter == null) {
            errors.add(path, "must be an object, got null");
            return;
        }
        errors.unknownFields(path, filter.getUnknownFields(), Set.of());
        List<String> dialects = dialects(filter);
        if (dialects.size() > 1) {
            errors.add(path, "expected one dialect (exact, prefix, suffix, all, any, not or cesql), got "
                    + String.join(", ", dialects));
        }
        singleAttribute(path + ".exact", filter.getExact(), errors);
        singleAttribute(path + ".prefix", filter.getPrefix(), errors);
        singleAttribute(path + ".suffix", filter.getSuffix(), errors);
        if (filter.getAll() != null) {
            validateFilters(path + ".all", filter.getAll(), errors);
        }
        if (filter.getAny() != null) {
            validateFilters(path + ".any", filter.getAny(), errors);
        }
        if (filter.getNot() != null) {
            validate(path + ".not", filter.getNot(), errors);
        }
        if (filter.getCesql() != null) {
            cesql(path + ".cesql", filter.getCesql(), errors);
        }
    }

    private static List<String> dialects(SubscriptionsApiFilter filter) {
        List<String> set = new ArrayList<>();
        add(set, "exact", filter.getExact());
        add(set, "prefix", filter.getPrefix());
        add(set, "suffix", filter.getSuffix());
        add(set, "all", filter.getAll());
        add(set, "any", filter.getAny());
        add(set, "not", filter.getNot());
        add(set, "cesql", filter.getCesql());
        return set;
    }

    private static void add(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(name);
        }
    }

    private static void singleAttribute(String path, Map<String, String> map, FieldErrors errors) {
        if (map == null) {
            return;
        }
        if (map.size() != 1) {
            errors.add(path, "expected exactly one attribute, got " + map.size()
                    + (map.isEmpty() ? "" : " (" + String.join(", ", map.keySet()) + "); combine several with all"));
            return;
        }
        map.forEach((name, value) -> {
            attributeName(path, name, errors);
            if (value == null) {
                errors.add(path + "." + name, "must be a string, got null");
            }
        });
    }

    private static void attributeName(String path, String name, FieldErrors errors) {
        if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            errors.add(path + "." + name, "not a CloudEvents attribute name: use lowercase letters and digits only");
        }
    }

    private static void cesql(String path, String expression, FieldErrors errors) {
        if (expression.isBlank()) {
            errors.add(path, "must be a CloudEvents SQL expression such as \"type = 'com.example.created'\", got \"\"");
            return;
        }
        try {
            Parser.parseDefault(expression);
        } catch (ParseException e) {
            errors.add(path, "not a valid CloudEvents SQL expression: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "cannot parse" : message.strip().lines().findFirst().orElse("cannot parse");
    }
}
