package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed CRDs under {@code deploy/crds/} are what {@code kubectl} needs to show and store Knative resources. */
class CrdDefinitionsTest {
    record Case(String file, String kind, List<String> shortNames, List<String> columns) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Case> crds() {
        return Stream.of(
                new Case("services.serving.knative.dev.yaml", "Service", List.of("ksvc"),
                        List.of("URL", "LatestCreated", "LatestReady", "Ready", "Reason")),
                new Case("configurations.serving.knative.dev.yaml", "Configuration", List.of("cfg"),
                        List.of("LatestCreated", "LatestReady", "Ready", "Reason")),
                new Case("revisions.serving.knative.dev.yaml", "Revision", List.of("rev"),
                        List.of("Config Name", "Generation", "Ready", "Reason", "Actual Replicas", "Desired Replicas")),
                new Case("routes.serving.knative.dev.yaml", "Route", List.of("rt"),
                        List.of("URL", "Ready", "Reason")),
                new Case("brokers.eventing.knative.dev.yaml", "Broker", List.of(),
                        List.of("URL", "Age", "Ready", "Reason")),
                new Case("triggers.eventing.knative.dev.yaml", "Trigger", List.of(),
                        List.of("Broker", "Subscriber_URI", "Age", "Ready", "Reason")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void namesScopeAndShortNamesAreKnatives(Case c) throws IOException {
        CustomResourceDefinition crd = read(c.file());

        String group = c.file().substring(c.file().indexOf('.') + 1, c.file().length() - ".yaml".length());
        assertThat(crd.getMetadata().getName()).isEqualTo(c.file().replace(".yaml", ""));
        assertThat(crd.getSpec().getGroup()).isEqualTo(group);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(c.kind());
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactlyElementsOf(c.shortNames());
        assertThat(crd.getSpec().getNames().getCategories()).contains("all", "knative");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void v1IsServedStoredAndHasAStatusSubresource(Case c) throws IOException {
        CustomResourceDefinitionVersion v1 = onlyVersion(read(c.file()));

        assertThat(v1.getName()).isEqualTo("v1");
        assertThat(v1.getServed()).isTrue();
        assertThat(v1.getStorage()).isTrue();
        assertThat(v1.getSubresources().getStatus()).as("status subresource").isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void printerColumnsAreKnativesAndPointAtFieldsTheSchemaHas(Case c) throws IOException {
        CustomResourceDefinitionVersion v1 = onlyVersion(read(c.file()));

        assertThat(v1.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactlyElementsOf(c.columns());
        for (CustomResourceColumnDefinition column : v1.getAdditionalPrinterColumns()) {
            String path = column.getJsonPath();
            if (path.startsWith(".status.conditions[?(@.type=='Ready')].")) {
                assertThat(schemaAt(v1, "status", "conditions")).as(path).isNotNull();
            } else if (!path.startsWith(".metadata.")) {
                assertThat(schemaAt(v1, path.substring(1).split("\\."))).as(column.getName() + " -> " + path).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void schemaIsStructural(Case c) throws IOException {
        JSONSchemaProps schema = onlyVersion(read(c.file())).getSchema().getOpenAPIV3Schema();

        assertThat(StructuralSchema.violations(schema)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void specKeepsUnknownFieldsSoThatWispRejectsThemByName(Case c) throws IOException {
        JSONSchemaProps spec = schemaAt(onlyVersion(read(c.file())), "spec");

        assertThat(spec.getXKubernetesPreserveUnknownFields())
                .as("an unknown spec field must reach Wisp's validation, not be pruned by the API server").isTrue();
    }

    private static CustomResourceDefinition read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(DeployDirectory.crds().resolve(file))) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    private static CustomResourceDefinitionVersion onlyVersion(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        return crd.getSpec().getVersions().get(0);
    }

    private static JSONSchemaProps schemaAt(CustomResourceDefinitionVersion version, String... path) {
        JSONSchemaProps node = version.getSchema().getOpenAPIV3Schema();
        for (String name : path) {
            node = node == null || node.getProperties() == null ? null : node.getProperties().get(name);
        }
        return node;
    }
}
