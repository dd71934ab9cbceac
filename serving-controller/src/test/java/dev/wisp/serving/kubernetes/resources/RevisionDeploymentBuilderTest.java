package dev.wisp.serving.kubernetes.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionDeploymentBuilderTest {

    record Case(String name, String container, int port, String readiness, String liveness, int deadlineSeconds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no port, no probe: 8080 and a TCP probe on it", "{image: i}", 8080,
                        "tcpSocket:8080", null, 600),
                new Case("declared port and an httpGet probe without port", "{image: i, ports: [{containerPort: 9000}], "
                        + "readinessProbe: {httpGet: {path: /ready}}, livenessProbe: {tcpSocket: {}}}", 9000,
                        "httpGet:9000/ready", "tcpSocket:9000", 600),
                new Case("a probe with its own port keeps it", "{image: i, ports: [{containerPort: 9000}], "
                        + "readinessProbe: {httpGet: {path: /r, port: 9100}, periodSeconds: 3}}", 9000,
                        "httpGet:9100/r", null, 600),
                new Case("a probe with only timings gets the TCP check", "{image: i, readinessProbe: {periodSeconds: 2}}",
                        8080, "tcpSocket:8080", null, 600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void userContainerGetsItsPortAndProbes(Case c) {
        Revision revision = Serialization.unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: hello-00001, namespace: ns, uid: u-1, labels: {serving.knative.dev/service: hello,
                  serving.knative.dev/configuration: hello}}
                spec:
                  containers: [%s]
                """.formatted(c.container()), Revision.class);

        Container container = RevisionDeploymentBuilder.make(revision, 2).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(c.port());
        assertThat(describe(container.getReadinessProbe())).isEqualTo(c.readiness());
        assertThat(describe(container.getLivenessProbe())).isEqualTo(c.liveness());
        assertThat(RevisionDeploymentBuilder.make(revision, 2).getSpec().getProgressDeadlineSeconds()).isEqualTo(c.deadlineSeconds());
        assertThat(RevisionDeploymentBuilder.make(revision, 2).getSpec().getReplicas()).isEqualTo(2);
        assertThat(PodServiceBuilder.make(revision).getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(c.port());
    }

    private static String describe(Probe probe) {
        if (probe == null) {
            return null;
        }
        if (probe.getHttpGet() != null) {
            return "httpGet:" + probe.getHttpGet().getPort().getIntVal() + probe.getHttpGet().getPath();
        }
        return "tcpSocket:" + probe.getTcpSocket().getPort().getIntVal();
    }
}
