package dev.wisp.api.serving.v1;

import static dev.wisp.api.serving.v1.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServingDefaultsTest {
    record Case(String name, String input, String defaulted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("minimal Service gets Knative's defaults", """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata: {name: hello}
                        spec:
                          template:
                            spec:
                              containers: [{image: x}]
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata: {name: hello, namespace: default}
                        spec:
                          template:
                            spec:
                              containerConcurrency: 0
                              timeoutSeconds: 300
                              containers: [{name: user-container, image: x}]
                          traffic: [{latestRevision: true, percent: 100}]
                        """),
                new Case("explicit values are kept; latestRevision follows revisionName", """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata: {name: hello, namespace: prod}
                        spec:
                          template:
                            spec:
                              containerConcurrency: 10
                              timeoutSeconds: 60
                              containers: [{name: app, image: x}]
                          traffic:
                            - {revisionName: hello-00001, percent: 50}
                            - {percent: 50}
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata: {name: hello, namespace: prod}
                        spec:
                          template:
                            spec:
                              containerConcurrency: 10
                              timeoutSeconds: 60
                              containers: [{name: app, image: x}]
                          traffic:
                            - {revisionName: hello-00001, latestRevision: false, percent: 50}
                            - {latestRevision: true, percent: 50}
                        """),
                new Case("Configuration template", """
                        apiVersion: serving.knative.dev/v1
                        kind: Configuration
                        metadata: {name: hello}
                        spec:
                          template:
                            spec:
                              containers: [{image: x}]
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Configuration
                        metadata: {name: hello, namespace: default}
                        spec:
                          template:
                            spec:
                              containerConcurrency: 0
                              timeoutSeconds: 300
                              containers: [{name: user-container, image: x}]
                        """),
                new Case("Revision", """
                        apiVersion: serving.knative.dev/v1
                        kind: Revision
                        metadata: {name: hello-00001, namespace: team-a}
                        spec:
                          timeoutSeconds: 30
                          containers: [{image: x}]
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Revision
                        metadata: {name: hello-00001, namespace: team-a}
                        spec:
                          containerConcurrency: 0
                          timeoutSeconds: 30
                          containers: [{name: user-container, image: x}]
                        """),
                new Case("Route targets naming a configuration follow its latest revision", """
                        apiVersion: serving.knative.dev/v1
                        kind: Route
                        metadata: {name: hello}
                        spec:
                          traffic: [{configurationName: hello, percent: 100}]
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Route
                        metadata: {name: hello, namespace: default}
                        spec:
                          traffic: [{configurationName: hello, latestRevision: true, percent: 100}]
                        """),
                new Case("Route without traffic is left for validation to reject", """
                        apiVersion: serving.knative.dev/v1
                        kind: Route
                        metadata: {name: hello}
                        """, """
                        apiVersion: serving.knative.dev/v1
                        kind: Route
                        metadata: {name: hello, namespace: default}
                        spec: {}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesKnativeDefaults(Case c) {
        HasMetadata resource = CODEC.readAll(c.input()).get(0);

        ServingDefaults.apply(resource);

        assertThat(CODEC.toTree(resource)).isEqualTo(CODEC.toTree(CODEC.readAll(c.defaulted()).get(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isIdempotent(Case c) {
        HasMetadata once = ServingDefaults.apply(CODEC.readAll(c.input()).get(0));
        HasMetadata twice = ServingDefaults.apply(ServingDefaults.apply(CODEC.readAll(c.input()).get(0)));

        assertThat(CODEC.toTree(twice)).isEqualTo(CODEC.toTree(once));
    }
}
