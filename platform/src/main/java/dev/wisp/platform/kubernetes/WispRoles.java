package dev.wisp.platform.kubernetes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The components one Wisp process runs in Kubernetes mode, parsed from {@code WISP_ROLES} /
 * {@code --roles}: a comma-separated list of role names, or {@code all}.
 */
public record WispRoles(Set<Role> roles) {

    /** One component of Wisp, named as in {@code deploy/roles/*.yaml}. */
    public enum Role {
        CONTROLLER("controller"), ACTIVATOR("activator"), AUTOSCALER("autoscaler"),
        EVENTING_RECEIVER("eventing-receiver"), EVENTING_DISPATCHER("eventing-dispatcher");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public WispRoles {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * Parses {@code all} or a list like {@code activator,autoscaler}; an unknown or missing name is an
     * error that lists the valid ones.
     */
    public static WispRoles parse(String text) {
        String valid = "all, " + Arrays.stream(Role.values()).map(Role::label).collect(Collectors.joining(", "));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("roles: none given; expected a comma-separated list of " + valid);
        }
        List<Role> parsed = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                parsed.addAll(List.of(Role.values()));
            } else {
                parsed.add(Arrays.stream(Role.values()).filter(r -> r.label.equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "roles: unknown role '" + part.trim() + "'; expected " + valid)));
            }
        }
        return new WispRoles(EnumSet.copyOf(parsed));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::label).collect(Collectors.joining(","));
    }
}
