package dev.wisp.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceCodecTest {
    private final ResourceCodec codec = new ResourceCodec();

    private static final String SERVICE_WITH_EXTRAS = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: hello
              clusterName: old
            spec:
              template:
                spec:
                  volumes: []
                  containers:
                    - image: x
                      volumeMounts: [{name: data, mountPath: /data}]
                      imagePullPolicee: Always
                      readinessProbe:
                        httpGet: {path: /}
                        exxec: true
              traffic:
                - latestRevision: true
                  percent: 100
                  weight: 3
            """;

    @Test
    void keepsUnknownFieldsForValidationToName() {
        Service service = (Service) codec.readAll(SERVICE_WITH_EXTRAS).get(0);
        Container container = service.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(service.getMetadata().getAdditionalProperties()).containsEntry("clusterName", "old");
        assertThat(service.getSpec().getTemplate().getSpec().getUnknownFields()).containsEntry("volumes", List.of());
        assertThat(container.getVolumeMounts()).hasSize(1);
        assertThat(container.getAdditionalProperties()).containsEntry("imagePullPolicee", "Always");
        assertThat(container.getReadinessProbe().getAdditionalProperties()).containsEntry("exxec", true);
        assertThat(service.getSpec().getTraffic().get(0).getUnknownFields()).containsEntry("weight", 3);
    }

    @Test
    void writesNoNullsEmptyMapsOrEmptyStatus() {
        Service service = codec.read("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: hello}
                spec:
                  template:
                    spec:
                      containers: [{image: x}]
                """, Service.class);

        String yaml = codec.toYaml(service);

        assertThat(yaml).isEqualTo("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containers:
                        - image: x
                """);
        assertThat(codec.toJson(service)).doesNotContain("null", "unknownFields", "additionalProperties", "status", "[ ]");
    }

    @Test
    void writesStatusWhenItHoldsSomething() {
        Route route = codec.read("apiVersion: serving.knative.dev/v1\nkind: Route\nmetadata: {name: r}\n", Route.class);
        route.getStatus().setObservedGeneration(1L);
        route.getStatus().markTrue("AllTrafficAssigned", Instant.parse("2024-01-01T00:00:00Z"));

        Route again = codec.read(codec.toYaml(route), Route.class);

        assertThat(again.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(again.getStatus().condition("AllTrafficAssigned")).isPresent();
    }

    @Test
    void quotesStringsThatLookLikeNumbersOrBooleans() {
        Service service = codec.read("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                  annotations: {a: "10", b: "true", c: "1.5"}
                """, Service.class);

        assertThat(codec.toYaml(service)).contains("a: \"10\"", "b: \"true\"", "c: \"1.5\"");
    }

    @Test
    void readsJsonArraysListsAndMultiDocumentYaml() {
        String route = "{\"apiVersion\": \"serving.knative.dev/v1\", \"kind\": \"Route\", \"metadata\": {\"name\": \"r\"}}";
        String revision = "{\"apiVersion\": \"serving.knative.dev/v1\", \"kind\": \"Revision\", \"metadata\": {\"name\": \"v\"}}";

        List<HasMetadata> fromArray = codec.readAll("[" + route + ", " + revision + "]");
        List<HasMetadata> fromList = codec.readAll("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + route + ", " + revision + "]}");
        List<HasMetadata> fromYaml = codec.readAll("---\n" + codec.toYaml(fromArray) + "---\n");

        for (List<HasMetadata> read : List.of(fromArray, fromList, fromYaml)) {
            assertThat(read).extracting(HasMetadata::getKind, r -> r.getMetadata().getName())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Route", "r"),
                            org.assertj.core.groups.Tuple.tuple("Revision", "v"));
            assertThat(read.get(1)).isInstanceOf(Revision.class);
        }
    }

    @Test
    void readChecksTheKindAndTheDocumentCount() {
        String route = "apiVersion: serving.knative.dev/v1\nkind: Route\nmetadata: {name: r}\n";

        assertThatThrownBy(() -> codec.read(route, Service.class))
                .isInstanceOf(CodecException.class).hasMessage("document 1: expected kind Service, got Route");
        assertThatThrownBy(() -> codec.read(route + "---\n" + route, Route.class))
                .isInstanceOf(CodecException.class).hasMessage("expected one document, got 2");
    }

    @Test
    void readsPlainObjectsToo() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = codec.read("a: 1\nb: [x]\n", Map.class);

        assertThat(map).containsEntry("a", 1).containsEntry("b", List.of("x"));
    }
}
