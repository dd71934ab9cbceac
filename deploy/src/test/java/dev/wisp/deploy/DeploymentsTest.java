package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One Deployment per role from one image, each with its role, probes, requests and scrape annotations. */
class DeploymentsTest {
    private static final String IMAGE = "wisp:0.1.0";

    record Case(String role, int minReplicas, List<Integer> ports, List<String> configKeys, String serviceType) {
        @Override
        public String toString() {
            return role;
        }
    }

    static Stream<Case> roles() {
        return Stream.of(
                new Case("controller", 1, List.of(8081), List.of("domain"), null),
                new Case("activator", 2, List.of(8081, 8080), List.of("domain"), "LoadBalancer"),
                new Case("autoscaler", 1, List.of(8081), List.of(), "ClusterIP"),
                new Case("eventing-receiver", 1, List.of(8081, 8082), List.of("kafka-bootstrap-servers"), "ClusterIP"),
                new Case("eventing-dispatcher", 1, List.of(8081), List.of("domain", "kafka-bootstrap-servers"), null));
    }

    @Test
    void thereIsExactlyOneDeploymentPerRole() {
        assertThat(Manifest.ofKind("Deployment")).extracting(Manifest::name)
                .containsExactlyInAnyOrderElementsOf(roles().map(c -> "wisp-" + c.role()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void runsTheOneImageWithItsRoleChosenByConfiguration(Case c) {
        Deployment d = deployment(c.role());
        Container wisp = onlyContainer(d);

        assertThat(wisp.getImage()).isEqualTo(IMAGE);
        assertThat(env(wisp, "WISP_ROLES")).map(EnvVar::getValue).contains(c.role());
        assertThat(env(wisp, "QUARKUS_HTTP_HOST")).as("probes reach the pod's IP only if it binds every interface")
                .map(EnvVar::getValue).contains("0.0.0.0");
        assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(c.minReplicas());
        assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("wisp-" + c.role());
        assertThat(d.getSpec().getSelector().getMatchLabels().entrySet())
                .isSubsetOf(d.getSpec().getTemplate().getMetadata().getLabels().entrySet());
        assertThat(wisp.getPorts()).extracting(ContainerPort::getContainerPort).containsExactlyInAnyOrderElementsOf(c.ports());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void hasLivenessAndReadinessProbesOnQuarkusHealth(Case c) {
        Container wisp = onlyContainer(deployment(c.role()));

        assertProbe(wisp.getLivenessProbe(), "/q/health/live");
        assertProbe(wisp.getReadinessProbe(), "/q/health/ready");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void requestsCpuAndMemoryAndLimitsMemory(Case c) {
        Container wisp = onlyContainer(deployment(c.role()));

        assertThat(wisp.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(wisp.getResources().getLimits()).containsKey("memory");
        assertThat(wisp.getResources().getLimits().get("memory").getNumericalAmount())
                .isGreaterThanOrEqualTo(wisp.getResources().getRequests().get("memory").getNumericalAmount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void podsAreScrapedByPrometheusOnQuarkusMetrics(Case c) {
        Map<String, String> annotations = deployment(c.role()).getSpec().getTemplate().getMetadata().getAnnotations();

        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8081")
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void runsAsNonRootWithoutPrivileges(Case c) {
        Deployment d = deployment(c.role());
        Container wisp = onlyContainer(d);

        assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(wisp.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(wisp.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void readsExactlyTheSettingsItNeedsFromWispConfig(Case c) {
        Container wisp = onlyContainer(deployment(c.role()));
        Map<String, String> config = Manifest.ofKind("ConfigMap").stream()
                .filter(m -> "wisp-config".equals(m.name())).findFirst().orElseThrow()
                .as(ConfigMap.class).getData();

        List<EnvVar> fromConfigMaps = wisp.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null).toList();
        assertThat(fromConfigMaps).allSatisfy(e -> assertThat(e.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("wisp-config"));
        List<String> keys = fromConfigMaps.stream().map(e -> e.getValueFrom().getConfigMapKeyRef().getKey()).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(c.configKeys());
        assertThat(config.keySet()).as("keys of ConfigMap wisp-config").containsAll(keys);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void itsServiceSelectsItsPodsOnAPortTheyOpen(Case c) {
        Optional<Service> service = Manifest.ofKind("Service").stream()
                .filter(m -> m.name().equals("wisp-" + c.role())).findFirst().map(m -> m.as(Service.class));
        assertThat(service.map(s -> s.getSpec().getType())).isEqualTo(Optional.ofNullable(c.serviceType()));
        if (service.isEmpty()) {
            return;
        }
        Deployment d = deployment(c.role());
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                .containsAll(service.get().getSpec().getSelector().entrySet());
        List<String> portNames = onlyContainer(d).getPorts().stream().map(ContainerPort::getName).toList();
        for (ServicePort port : service.get().getSpec().getPorts()) {
            assertThat(portNames).as("target port of " + port.getName()).contains(port.getTargetPort().getStrVal());
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(8081);
    }

    private static Deployment deployment(String role) {
        return Manifest.ofKind("Deployment").stream().filter(m -> m.name().equals("wisp-" + role))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment wisp-" + role)).as(Deployment.class);
    }

    private static Container onlyContainer(Deployment d) {
        assertThat(d.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }
}
