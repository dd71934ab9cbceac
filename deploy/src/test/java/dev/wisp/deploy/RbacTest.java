package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role's ServiceAccount is granted exactly what that role uses, read from {@code deploy/rbac/}
 * and compared with the table below: a new grant must be added to both, consciously. The calls each
 * role really makes are recorded against the mock API server by RecordedApiCallsTest (activator),
 * ControllerRbacTest (serving-controller), AutoscalerRoleRbacTest and KubernetesEventingIT (platform).
 */
class RbacTest {
    private static final Set<String> READ = Set.of("get", "list", "watch");
    /** What an informer needs; RecordedApiCallsTest checks these against the calls really made. */
    private static final Set<String> INFORM = Set.of("list", "watch");
    private static final Set<String> UPDATE = Set.of("update");

    /** A role's grants: {@code group/resource} (core group as {@code core}) -> verbs. */
    record Case(String role, Map<String, Set<String>> grants) {
        @Override
        public String toString() {
            return role;
        }
    }

    static Stream<Case> roles() {
        return Stream.of(
                new Case("controller", grants(
                        "serving.knative.dev/services", READ,
                        "serving.knative.dev/configurations", Set.of("get", "list", "watch", "create", "update"),
                        "serving.knative.dev/revisions", Set.of("get", "list", "watch", "create"),
                        "serving.knative.dev/routes", Set.of("get", "list", "watch", "create", "update", "patch"),
                        "serving.knative.dev/services/status", UPDATE, "serving.knative.dev/configurations/status", UPDATE,
                        "serving.knative.dev/revisions/status", UPDATE, "serving.knative.dev/routes/status", UPDATE,
                        "serving.knative.dev/services/finalizers", UPDATE,
                        "serving.knative.dev/configurations/finalizers", UPDATE,
                        "serving.knative.dev/revisions/finalizers", UPDATE,
                        "apps/deployments", Set.of("list", "watch", "create", "update"),
                        "core/services", Set.of("list", "watch", "create", "update"))),
                new Case("activator", grants(
                        "serving.knative.dev/routes", INFORM, "serving.knative.dev/revisions", INFORM,
                        "discovery.k8s.io/endpointslices", INFORM)),
                new Case("autoscaler", grants(
                        "apps/deployments", Set.of("get"), "apps/deployments/scale", Set.of("get", "update"),
                        "serving.knative.dev/revisions", INFORM,
                        "discovery.k8s.io/endpointslices", INFORM)),
                new Case("eventing-receiver", grants(
                        "eventing.knative.dev/brokers", READ, "eventing.knative.dev/brokers/status", UPDATE)),
                new Case("eventing-dispatcher", grants(
                        "eventing.knative.dev/brokers", READ, "eventing.knative.dev/triggers", READ,
                        "eventing.knative.dev/triggers/status", UPDATE, "serving.knative.dev/services", READ)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void clusterRoleGrantsExactlyWhatTheRoleUses(Case c) {
        ClusterRole role = clusterRole("wisp-" + c.role());

        assertThat(grantsOf(role)).isEqualTo(new TreeMap<>(c.grants()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void noRuleUsesWildcardsNonResourceUrlsOrSecrets(Case c) {
        for (PolicyRule rule : clusterRole("wisp-" + c.role()).getRules()) {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*", "secrets");
            assertThat(rule.getVerbs()).doesNotContain("*", "deletecollection", "escalate", "bind", "impersonate");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void bindingGivesTheRoleToItsOwnServiceAccountOnly(Case c) {
        String name = "wisp-" + c.role();
        ClusterRoleBinding binding = Manifest.ofKind("ClusterRoleBinding").stream().filter(m -> m.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no ClusterRoleBinding " + name)).as(ClusterRoleBinding.class);

        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(name);
        assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", name, "wisp-system"));
        assertThat(Manifest.ofKind("ServiceAccount")).extracting(Manifest::name).contains(name);
    }

    /** The controller role's second ClusterRole: what the build controller uses, bound to the controller's account. */
    @Test
    void theBuildControllerRunsAsTheControllerWithItsOwnGrants() {
        assertThat(grantsOf(clusterRole("wisp-build-controller"))).isEqualTo(new TreeMap<>(grants(
                "build.wisp.dev/builds", READ, "build.wisp.dev/builds/status", UPDATE,
                "batch/jobs", Set.of("get", "list", "watch", "create"), "core/pods", Set.of("list"),
                "serving.knative.dev/services", Set.of("get", "create", "update"))));
        ClusterRoleBinding binding = Manifest.ofKind("ClusterRoleBinding").stream()
                .filter(m -> m.name().equals("wisp-build-controller")).findFirst().orElseThrow().as(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo("wisp-build-controller");
        assertThat(binding.getSubjects()).extracting(Subject::getName).containsExactly("wisp-controller");
    }

    @Test
    void thereAreNoOtherRolesOrBindings() {
        List<String> expected = roles().map(c -> "wisp-" + c.role()).toList();
        List<String> withBuilds = new java.util.ArrayList<>(expected);
        withBuilds.add("wisp-build-controller");

        assertThat(Manifest.ofKind("ClusterRole")).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(withBuilds);
        assertThat(Manifest.ofKind("ClusterRoleBinding")).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(withBuilds);
        assertThat(Manifest.ofKind("ServiceAccount")).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Manifest.ofKind("Role")).isEmpty();
        assertThat(Manifest.ofKind("RoleBinding")).isEmpty();
    }

    private static ClusterRole clusterRole(String name) {
        return Manifest.ofKind("ClusterRole").stream().filter(m -> m.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no ClusterRole " + name)).as(ClusterRole.class);
    }

    /** The rules expanded to group/resource -> verbs, merging rules that repeat a resource. */
    private static Map<String, Set<String>> grantsOf(ClusterRole role) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    out.computeIfAbsent((group.isEmpty() ? "core" : group) + "/" + resource, k -> new TreeSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        return out;
    }

    private static Map<String, Set<String>> grants(Object... resourceThenVerbs) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (int i = 0; i < resourceThenVerbs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> verbs = (Set<String>) resourceThenVerbs[i + 1];
            out.put((String) resourceThenVerbs[i], new TreeSet<>(verbs));
        }
        return out;
    }
}
