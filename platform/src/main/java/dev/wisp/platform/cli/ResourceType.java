package dev.wisp.platform.cli;

import java.util.Arrays;
import java.util.List;

/** The resource types the CLI knows, with the names and short names a user may type. */
enum ResourceType {
    SERVICES("services", "service", "ksvc", "svc"),
    CONFIGURATIONS("configurations", "configuration", "cfg", "config"),
    REVISIONS("revisions", "revision", "rev"),
    ROUTES("routes", "route", "rt"),
    BROKERS("brokers", "broker"),
    TRIGGERS("triggers", "trigger"),
    BUILDS("builds", "build");

    private final String plural;
    private final List<String> names;

    ResourceType(String plural, String... names) {
        this.plural = plural;
        this.names = List.of(names);
    }

    String plural() {
        return plural;
    }

    /** The REST path of this type's API group and version. */
    String apiBase() {
        if (this == BUILDS) {
            return "/apis/build.wisp.dev/v1alpha1";
        }
        return this == BROKERS || this == TRIGGERS ? "/apis/eventing.knative.dev/v1" : "/apis/serving.knative.dev/v1";
    }

    /** The group, as {@code wisp delete} prints it ({@code trigger.eventing.knative.dev/NAME deleted}). */
    String group() {
        return apiBase().split("/")[2];
    }

    /** The API group of a kind as the apply API names it ({@code Broker}: eventing.knative.dev); serving's for kinds not listed here. */
    static String groupOf(String kind) {
        return Arrays.stream(values()).filter(t -> t.names.contains(kind.toLowerCase())).findFirst()
                .map(ResourceType::group).orElse("serving.knative.dev");
    }

    /** The collection path of this type in a namespace. */
    String namespacePath(String namespace) {
        return apiBase() + "/namespaces/" + namespace + "/" + plural;
    }

    static ResourceType parse(String typed) {
        return Arrays.stream(values())
                .filter(t -> t.plural.equalsIgnoreCase(typed) || t.names.contains(typed.toLowerCase()))
                .findFirst()
                .orElseThrow(() -> new CliException("unknown resource type \"" + typed
                        + "\"; use services (ksvc), configurations (cfg), revisions (rev), routes (rt), brokers, triggers or builds"));
    }
}
