package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Everything under {@code deploy/} parses, names itself, and {@code kubectl apply -k deploy/} installs all of it. */
class ManifestsTest {
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding");

    @Test
    void everyYamlFileParsesAndHoldsAtLeastOneDocument() {
        List<Path> files = DeployDirectory.yamlFiles();

        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(Manifest.read(file)).as(DeployDirectory.relative(file)).isNotEmpty();
        }
    }

    @Test
    void everyObjectHasApiVersionKindAndName() {
        for (Manifest m : objects()) {
            assertThat(m.apiVersion()).as(m + ": apiVersion").isNotBlank();
            assertThat(m.kind()).as(m + ": kind").isNotBlank();
            assertThat(m.name()).as(m + ": metadata.name").isNotBlank();
        }
    }

    @Test
    void everyNamespacedObjectIsInWispSystemAndClusterScopedOnesHaveNoNamespace() {
        for (Manifest m : objects()) {
            if (CLUSTER_SCOPED.contains(m.kind())) {
                assertThat(m.namespace()).as(m + ": cluster-scoped").isNull();
            } else {
                assertThat(m.namespace()).as(m + ": metadata.namespace").isEqualTo("wisp-system");
            }
        }
    }

    @Test
    void everyObjectIsAKindKubernetesKnowsWithOnlyFieldsItKnows() {
        for (Manifest m : objects()) {
            Class<?> type = m.modelClass();
            assertThat(type).as(m + ": fabric8 knows no kind " + m.apiVersion() + "/" + m.kind()).isNotNull();
            assertThat(UnknownModelFields.in(m.as(type))).as(m + ": fields its kind does not have (misspelt?)").isEmpty();
        }
    }

    @Test
    void kustomizationListsEveryManifestOutsideExamplesAndNothingElse() {
        List<String> listed = kustomizationResources();
        List<String> manifests = DeployDirectory.yamlFiles().stream().map(DeployDirectory::relative)
                .filter(f -> !f.equals(KUSTOMIZATION) && !f.startsWith("examples/"))
                .toList();

        assertThat(listed).as("resources of deploy/kustomization.yaml").doesNotHaveDuplicates();
        assertThat(listed).as("deploy/kustomization.yaml must list every manifest (add the missing ones)")
                .containsAll(manifests);
        assertThat(manifests).as("deploy/kustomization.yaml lists files that do not exist").containsAll(listed);
    }

    @Test
    void crdsAndTheNamespaceComeBeforeWhatUsesThem() {
        List<String> listed = kustomizationResources();
        // kustomize sorts by kind anyway; the listed order is the one a reader (or kubectl apply -f) follows
        int lastCrd = lastIndexStartingWith(listed, "crds/");
        assertThat(lastCrd).isLessThan(listed.indexOf("namespace.yaml"));
        assertThat(listed.indexOf("namespace.yaml")).isLessThan(listed.indexOf("config.yaml"));
        assertThat(listed.indexOf("config.yaml")).isLessThan(firstIndexStartingWith(listed, "roles/"));
    }

    private static List<Manifest> objects() {
        return Manifest.all().stream().filter(m -> !m.file().equals(KUSTOMIZATION)).toList();
    }

    private static List<String> kustomizationResources() {
        List<Manifest> docs = Manifest.read(DeployDirectory.root().resolve(KUSTOMIZATION));
        assertThat(docs).hasSize(1);
        JsonNode kustomization = docs.get(0).doc();
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        return resources;
    }

    private static int lastIndexStartingWith(List<String> list, String prefix) {
        int last = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).startsWith(prefix)) {
                last = i;
            }
        }
        return last;
    }

    private static int firstIndexStartingWith(List<String> list, String prefix) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
