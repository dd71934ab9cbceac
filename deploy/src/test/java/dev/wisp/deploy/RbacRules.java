package dev.wisp.deploy;

import dev.wisp.api.testing.ApiCall;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The rules of one ClusterRole under {@code deploy/rbac/}, asked whether they grant an {@link ApiCall}. */
public final class RbacRules {
    private final String name;
    private final List<PolicyRule> rules;

    private RbacRules(String name, List<PolicyRule> rules) {
        this.name = name;
        this.rules = List.copyOf(rules);
    }

    /** The ClusterRole {@code name} as the manifests define it; fails when there is none. */
    public static RbacRules ofClusterRole(String name) {
        ClusterRole role = Manifest.ofKind("ClusterRole").stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("deploy/ defines no ClusterRole " + name)).as(ClusterRole.class);
        return new RbacRules(name, role.getRules());
    }

    /** Whether some rule grants {@code call} (wildcards honoured, as the API server does). */
    public boolean allows(ApiCall call) {
        return rules.stream().anyMatch(rule -> matches(rule.getApiGroups(), call.group())
                && matches(rule.getResources(), call.resource()) && matches(rule.getVerbs(), call.verb()));
    }

    /** Every grant as {@code verb group/resource} ({@code core} for the core group), sorted. */
    public Set<String> grants() {
        Set<String> out = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        out.add(new ApiCall(verb, group, resource).toString());
                    }
                }
            }
        }
        return out;
    }

    /** The grants by {@code group/resource}, for readable failure messages. */
    public Map<String, Set<String>> byResource() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String grant : grants()) {
            String[] verbAndResource = grant.split(" ", 2);
            out.computeIfAbsent(verbAndResource[1], k -> new TreeSet<>()).add(verbAndResource[0]);
        }
        return out;
    }

    private static boolean matches(List<String> granted, String wanted) {
        return granted != null && (granted.contains("*") || granted.contains(wanted));
    }

    @Override
    public String toString() {
        return "ClusterRole " + name;
    }
}
