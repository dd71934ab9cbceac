package dev.wisp.platform.cli;

import java.util.Arrays;
import java.util.List;

/** The resource types the CLI knows, with the names and short names a user may type. */
enum ResourceType {
    SERVICES("services", "service", "ksvc", "svc"),
    CONFIGURATIONS("configurations", "configuration", "cfg", "config"),
    REVISIONS("revisions", "revision", "rev"),
    ROUTES("routes", "route", "rt");

    private final String plural;
    private final List<String> names;

    ResourceType(String plural, String... names) {
        this.plural = plural;
        this.names = List.of(names);
    }

    String plural() {
        return plural;
    }

    static ResourceType parse(String typed) {
        return Arrays.stream(values())
                .filter(t -> t.plural.equalsIgnoreCase(typed) || t.names.contains(typed.toLowerCase()))
                .findFirst()
                .orElseThrow(() -> new CliException("unknown resource type \"" + typed
                        + "\"; use services (ksvc), configurations (cfg), revisions (rev) or routes (rt)"));
    }
}
