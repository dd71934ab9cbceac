package dev.wisp.api.serving.v1;

import static dev.wisp.api.serving.v1.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.ValidationException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServingValidationTest {
    private static final String NOT_SUPPORTED = "not supported by Wisp";
    private static final String C0 = "spec.template.spec.containers[0]";

    /** A resource and every error it must produce, as {@code path: message}; none for a valid one. */
    record Case(String name, HasMetadata resource, List<String> errors) {
        Case(String name, HasMetadata resource, String... errors) {
            this(name, resource, List.of(errors));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(metadataCases(), revisionSpecCases(), containerCases(), trafficCases(), routeAndRevisionCases())
                .flatMap(s -> s);
    }

    static Stream<Case> metadataCases() {
        return Stream.of(
                new Case("valid Service", service()),
                new Case("name required", service(s -> s.getMetadata().setName(null)), "metadata.name: required"),
                new Case("name must be a DNS-1035 label", service(s -> s.getMetadata().setName("Hello")),
                        "metadata.name: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter "
                                + "and ending with a letter or digit (got \"Hello\")"),
                new Case("name must start with a letter", service(s -> s.getMetadata().setName("1hello")),
                        "metadata.name: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter "
                                + "and ending with a letter or digit (got \"1hello\")"),
                new Case("name at most 63 characters", service(s -> s.getMetadata().setName("h".repeat(64))),
                        "metadata.name: must be at most 63 characters, got 64"),
                new Case("namespace must be a DNS-1123 label", service(s -> s.getMetadata().setNamespace("team_a")),
                        "metadata.namespace: must be a DNS-1123 label: lowercase letters, digits and '-', starting and "
                                + "ending with a letter or digit (got \"team_a\")"),
                new Case("generateName not supported", service(s -> s.getMetadata().setGenerateName("hello-")),
                        "metadata.generateName: not supported by Wisp; set metadata.name"),
                new Case("unknown metadata field", service(s -> s.getMetadata().setAdditionalProperty("clusterName", "x")),
                        "metadata.clusterName: unknown field"),
                new Case("unknown spec field", service(s -> s.getSpec().setUnknownField("runLatest", Map.of())),
                        "spec.runLatest: unknown field"),
                new Case("template required", service(s -> s.getSpec().setTemplate(null)), "spec.template: required"),
                new Case("unknown template field", service(s -> s.getSpec().getTemplate().setUnknownField("metdata", Map.of())),
                        "spec.template.metdata: unknown field"),
                new Case("template name must have the service's prefix",
                        service(s -> templateAnnotations(s), s -> s.getSpec().getTemplate().getMetadata().setName("other-1")),
                        "spec.template.metadata.name: must have prefix \"hello-\", got \"other-1\""),
                new Case("template name with the prefix", service(s -> templateAnnotations(s),
                        s -> s.getSpec().getTemplate().getMetadata().setName("hello-v2"))));
    }

    static Stream<Case> revisionSpecCases() {
        return Stream.of(
                new Case("exactly one container, got 2", service(s -> templateSpec(s).getContainers().add(new Container())),
                        "spec.template.spec.containers: Wisp supports exactly one container per revision, got 2",
                        "spec.template.spec.containers[1].image: required"),
                new Case("exactly one container, got 0", service(s -> templateSpec(s).getContainers().clear()),
                        "spec.template.spec.containers: Wisp supports exactly one container per revision, got 0"),
                new Case("containerConcurrency at most 1000", service(s -> templateSpec(s).setContainerConcurrency(1001L)),
                        "spec.template.spec.containerConcurrency: must be from 0 to 1000, got 1001"),
                new Case("containerConcurrency not negative", service(s -> templateSpec(s).setContainerConcurrency(-1L)),
                        "spec.template.spec.containerConcurrency: must be from 0 to 1000, got -1"),
                new Case("timeoutSeconds at least 1", service(s -> templateSpec(s).setTimeoutSeconds(0L)),
                        "spec.template.spec.timeoutSeconds: must be from 1 to 600, got 0"),
                new Case("timeoutSeconds at most 600", service(s -> templateSpec(s).setTimeoutSeconds(601L)),
                        "spec.template.spec.timeoutSeconds: must be from 1 to 600, got 601"),
                new Case("responseStartTimeoutSeconds within timeoutSeconds",
                        service(s -> templateSpec(s).setResponseStartTimeoutSeconds(301L)),
                        "spec.template.spec.responseStartTimeoutSeconds: must be from 0 to timeoutSeconds (300), got 301"),
                new Case("idleTimeoutSeconds not negative", service(s -> templateSpec(s).setIdleTimeoutSeconds(-1L)),
                        "spec.template.spec.idleTimeoutSeconds: must be from 0 to timeoutSeconds (300), got -1"),
                new Case("PodSpec volumes not supported", service(s -> templateSpec(s).setUnknownField("volumes", List.of())),
                        "spec.template.spec.volumes: " + NOT_SUPPORTED),
                new Case("misspelt spec field is unknown", service(s -> templateSpec(s).setUnknownField("containerConcurency", 1)),
                        "spec.template.spec.containerConcurency: unknown field"));
    }

    static Stream<Case> containerCases() {
        return Stream.of(
                new Case("image required", service(s -> container(s).setImage(null)), C0 + ".image: required"),
                new Case("env name must be an identifier", service(s -> container(s).getEnv().add(new EnvVar("1X", "v", null))),
                        C0 + ".env[0].name: must consist of letters, digits, '_', '-' or '.', and must not start with a digit (got \"1X\")"),
                new Case("env name required", service(s -> container(s).getEnv().add(new EnvVar(null, "v", null))),
                        C0 + ".env[0].name: required"),
                new Case("env valueFrom not supported", service(s -> container(s).getEnv().add(new EnvVar("A", null, new EnvVarSource()))),
                        C0 + ".env[0].valueFrom: " + NOT_SUPPORTED),
                new Case("at most one port", service(s -> container(s).getPorts().add(port(9090))),
                        C0 + ".ports: Wisp supports at most one port per container, got 2"),
                new Case("containerPort in range", service(s -> container(s).getPorts().get(0).setContainerPort(70000)),
                        C0 + ".ports[0].containerPort: must be from 1 to 65535, got 70000"),
                new Case("port name http1 or h2c", service(s -> container(s).getPorts().get(0).setName("http")),
                        C0 + ".ports[0].name: must be http1 or h2c, got \"http\""),
                new Case("port protocol TCP", service(s -> container(s).getPorts().get(0).setProtocol("UDP")),
                        C0 + ".ports[0].protocol: must be TCP, got \"UDP\""),
                new Case("hostPort not supported", service(s -> container(s).getPorts().get(0).setHostPort(80)),
                        C0 + ".ports[0].hostPort: " + NOT_SUPPORTED),
                new Case("exec probe not supported", service(s -> container(s).setReadinessProbe(probe(p -> p.setExec(new ExecAction())))),
                        C0 + ".readinessProbe.exec: " + NOT_SUPPORTED),
                new Case("grpc liveness probe not supported", service(s -> container(s).setLivenessProbe(probe(p -> p.setGrpc(new GRPCAction())))),
                        C0 + ".livenessProbe.grpc: " + NOT_SUPPORTED),
                new Case("probe port must be a number", service(s -> container(s).setReadinessProbe(probe(
                        p -> p.setHttpGet(new HTTPGetAction(null, null, "/", new IntOrString("http"), null))))),
                        C0 + ".readinessProbe.httpGet.port: named ports are not supported by Wisp; give the port number (got \"http\")"),
                new Case("one probe handler", service(s -> container(s).setReadinessProbe(probe(
                        p -> p.setHttpGet(new HTTPGetAction()), p -> p.setTcpSocket(new TCPSocketAction())))),
                        C0 + ".readinessProbe: expected one of httpGet or tcpSocket, got both"),
                new Case("probe timings not negative", service(s -> container(s).setReadinessProbe(probe(p -> p.setPeriodSeconds(-1)))),
                        C0 + ".readinessProbe.periodSeconds: must not be negative, got -1"),
                new Case("httpGet and tcpSocket probes, resources and imagePullPolicy accepted", service(
                        s -> container(s).setReadinessProbe(probe(p -> p.setHttpGet(new HTTPGetAction(null, null, "/healthz", new IntOrString(8080), null)))),
                        s -> container(s).setLivenessProbe(probe(p -> p.setTcpSocket(new TCPSocketAction()))),
                        s -> container(s).setResources(new ResourceRequirements(null, Map.of("memory", new Quantity("128Mi")), null)),
                        s -> container(s).setImagePullPolicy("Always"))),
                new Case("startupProbe not supported", service(s -> container(s).setStartupProbe(new Probe())),
                        C0 + ".startupProbe: " + NOT_SUPPORTED),
                new Case("volumeMounts not supported", service(s -> container(s).setVolumeMounts(new ArrayList<>(List.of(new VolumeMount())))),
                        C0 + ".volumeMounts: " + NOT_SUPPORTED),
                new Case("securityContext and lifecycle not supported", service(
                        s -> container(s).setSecurityContext(new SecurityContext()), s -> container(s).setLifecycle(new Lifecycle())),
                        C0 + ".securityContext: " + NOT_SUPPORTED, C0 + ".lifecycle: " + NOT_SUPPORTED),
                new Case("unknown container field", service(s -> container(s).setAdditionalProperty("imagePullPolicee", "Always")),
                        C0 + ".imagePullPolicee: unknown field"),
                new Case("unknown probe field", service(s -> container(s).setReadinessProbe(probe(p -> p.setAdditionalProperty("exe", 1)))),
                        C0 + ".readinessProbe.exe: unknown field"));
    }

    static Stream<Case> trafficCases() {
        return Stream.of(
                new Case("percents sum to 100", traffic(target("hello-00001", false, 90, null)),
                        "spec.traffic: traffic percents sum to 90, want 100"),
                new Case("percent at most 100", traffic(target("hello-00001", false, 101, null), target(null, true, 0, null)),
                        "spec.traffic[0].percent: must be from 0 to 100, got 101", "spec.traffic: traffic percents sum to 101, want 100"),
                new Case("not both revisionName and latestRevision", traffic(target("hello-00001", true, 100, null)),
                        "spec.traffic[0]: expected exactly one of revisionName or latestRevision: true, got both"),
                new Case("latestRevision false needs revisionName", traffic(target(null, false, 100, null)),
                        "spec.traffic[0].revisionName: required when latestRevision is false"),
                new Case("neither revisionName nor latestRevision", traffic(target(null, null, 100, null)),
                        "spec.traffic[0]: expected exactly one of revisionName or latestRevision: true, got neither"),
                new Case("no configurationName on a Service", traffic(new TrafficTarget(null, "other", true, 100L, null)),
                        "spec.traffic[0].configurationName: not allowed on a Service: its traffic goes to its own configuration"),
                new Case("tags unique", traffic(target("hello-00001", false, 50, "blue"), target(null, true, 50, "blue")),
                        "spec.traffic[1].tag: duplicate tag \"blue\""),
                new Case("tag is a DNS-1035 label", traffic(target(null, true, 100, "Blue")),
                        "spec.traffic[0].tag: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter "
                                + "and ending with a letter or digit (got \"Blue\")"),
                new Case("url is status-only", traffic(withUrl(target(null, true, 100, null))),
                        "spec.traffic[0].url: must not be set in spec: Wisp reports tag URLs in status"),
                new Case("unknown traffic field", service(s -> s.getSpec().getTraffic().get(0).setUnknownField("weight", 1)),
                        "spec.traffic[0].weight: unknown field"));
    }

    static Stream<Case> routeAndRevisionCases() {
        return Stream.of(
                new Case("valid Route", route()),
                new Case("Route needs traffic", route(r -> r.getSpec().getTraffic().clear()),
                        "spec.traffic: required: a Route needs at least one traffic target"),
                new Case("Route latestRevision needs configurationName",
                        route(r -> r.getSpec().getTraffic().get(0).setConfigurationName(null)),
                        "spec.traffic[0].configurationName: required with latestRevision: true on a Route"),
                new Case("Route target names a revision or a configuration",
                        route(r -> r.getSpec().getTraffic().get(0).setRevisionName("hello-00001"),
                                r -> r.getSpec().getTraffic().get(0).setLatestRevision(false)),
                        "spec.traffic[0]: expected exactly one of revisionName or configurationName, got both"),
                new Case("valid Revision", revision()),
                new Case("Revision paths start at spec", revision(r -> r.getSpec().getContainers().get(0).setImage("")),
                        "spec.containers[0].image: required"),
                new Case("Configuration needs a template", configuration("""
                        apiVersion: serving.knative.dev/v1
                        kind: Configuration
                        metadata: {name: hello}
                        spec: {}
                        """), "spec.template: required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryProblemWithItsFieldPath(Case c) {
        List<String> errors = new ServingValidation().check(c.resource()).stream().map(FieldError::toString).toList();

        assertThat(errors).containsExactlyInAnyOrderElementsOf(c.errors());
    }

    @Test
    void validateThrowsWithAllErrorsJoined() {
        Service service = service(s -> s.getMetadata().setName(null), s -> container(s).setImage(null));

        assertThatThrownBy(() -> new ServingValidation().validate(service))
                .isInstanceOf(ValidationException.class)
                .hasMessage("metadata.name: required; " + C0 + ".image: required")
                .extracting(e -> ((ValidationException) e).errors()).asList().hasSize(2);
    }

    @SafeVarargs
    private static Probe probe(Consumer<Probe>... changes) {
        Probe probe = new Probe();
        for (Consumer<Probe> change : changes) {
            change.accept(probe);
        }
        return probe;
    }

    private static ContainerPort port(int number) {
        ContainerPort port = new ContainerPort();
        port.setContainerPort(number);
        return port;
    }

    private static Service traffic(TrafficTarget... targets) {
        return service(s -> s.getSpec().setTraffic(new ArrayList<>(List.of(targets))));
    }

    private static TrafficTarget withUrl(TrafficTarget target) {
        target.setUrl("http://hello.default.localhost");
        return target;
    }
}
