package dev.wisp.serving.kubernetes;

import static dev.wisp.serving.kubernetes.MockCluster.deployment;
import static dev.wisp.serving.kubernetes.MockCluster.markAvailable;
import static dev.wisp.serving.kubernetes.MockCluster.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.controller.ServingSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes-mode controllers running for real (a JOSDK operator with informers) against the
 * fabric8 mock API server in CRUD mode, which plays Kubernetes; the tests play the Deployment
 * controller by writing Deployment status.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesServingTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    static final SettableClock CLOCK = new SettableClock(Instant.now());
    static KubernetesServing serving;

    @BeforeAll
    static void start() throws Exception {
        MockCluster.installCrds(client);
        ServingSettings settings = new ServingSettings("example.com", 80, AutoscalerDefaults.knative(),
                Duration.ofSeconds(1));
        serving = KubernetesServing.start(client, settings, CLOCK);
    }

    @AfterAll
    static void stop() {
        serving.close();
    }

    @Test
    void aServiceBecomesAConfigurationRouteRevisionDeploymentAndServiceOwnedAllTheWayDown() {
        Service created = client.resource(service("t1", "hello", """
                template:
                  spec:
                    containers:
                      - image: registry.example/hello:1
                        env: [{name: TARGET, value: world}, {name: PORT, value: "1"}]
                        ports: [{containerPort: 8081}]
                        readinessProbe: {httpGet: {path: /healthz}}
                        resources: {requests: {cpu: 100m}}
                """)).create();

        Configuration configuration = awaitGet(Configuration.class, "t1", "hello");
        assertOwnedBy(configuration, "serving.knative.dev/v1", "Service", created);
        assertOwnedBy(awaitGet(Route.class, "t1", "hello"), "serving.knative.dev/v1", "Service", created);
        Revision revision = awaitGet(Revision.class, "t1", "hello-00001");
        assertOwnedBy(revision, "serving.knative.dev/v1", "Configuration", configuration);
        assertThat(revision.getMetadata().getLabels()).containsEntry("serving.knative.dev/configuration", "hello")
                .containsEntry("serving.knative.dev/service", "hello")
                .containsEntry("serving.knative.dev/configurationGeneration", "1");

        Deployment deployment = awaitGet(Deployment.class, "t1", "hello-00001-deployment");
        assertOwnedBy(deployment, "serving.knative.dev/v1", "Revision", revision);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getMetadata().getLabels()).containsEntry("serving.knative.dev/revision", "hello-00001")
                .containsEntry("serving.knative.dev/configuration", "hello").containsEntry("serving.knative.dev/service", "hello");
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("serving.knative.dev/revisionUID", revision.getMetadata().getUid()));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/hello:1");
        assertThat(env(container)).containsExactlyInAnyOrderEntriesOf(Map.of("TARGET", "world", "PORT", "8081",
                "K_SERVICE", "hello", "K_CONFIGURATION", "hello", "K_REVISION", "hello-00001"));
        assertThat(container.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8081));
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8081);
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");

        io.fabric8.kubernetes.api.model.Service pods = awaitGet(io.fabric8.kubernetes.api.model.Service.class, "t1", "hello-00001");
        assertOwnedBy(pods, "serving.knative.dev/v1", "Revision", revision);
        assertThat(pods.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pods.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(8081));

        markAvailable(client, "t1", "hello-00001-deployment", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Service service = client.resources(Service.class).inNamespace("t1").withName("hello").get();
            assertThat(service.getStatus().isReady()).as("Service Ready, status %s", service.getStatus().getConditions()).isTrue();
            assertThat(service.getStatus().getUrl()).isEqualTo("http://hello.t1.example.com");
            assertThat(service.getStatus().getLatestReadyRevisionName()).isEqualTo("hello-00001");
            assertThat(service.getStatus().getObservedGeneration()).isEqualTo(service.getMetadata().getGeneration());
        });
        Revision ready = client.resources(Revision.class).inNamespace("t1").withName("hello-00001").get();
        assertThat(ready.getStatus().condition(RevisionStatus.RESOURCES_AVAILABLE).orElseThrow().isTrue()).isTrue();
        assertThat(ready.getStatus().condition(RevisionStatus.CONTAINER_HEALTHY).orElseThrow().isTrue()).isTrue();
        assertThat(ready.getStatus().getActualReplicas()).isEqualTo(1);
    }

    @Test
    void aTemplateChangeMakesASecondRevisionAndKeepsTheFirstThenTrafficFollowsTheSpec() {
        client.resource(service("t2", "shop", """
                template:
                  spec:
                    containers: [{image: registry.example/shop:1}]
                """)).create();
        awaitGet(Deployment.class, "t2", "shop-00001-deployment");
        markAvailable(client, "t2", "shop-00001-deployment", 1);
        awaitTraffic("t2", "shop", "shop-00001=100");

        editService("t2", "shop", s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/shop:2");
            return s;
        });
        Deployment second = awaitGet(Deployment.class, "t2", "shop-00002-deployment");
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/shop:2");
        assertThat(client.resources(Revision.class).inNamespace("t2").withName("shop-00001").get()).isNotNull();
        assertThat(deployment(client, "t2", "shop-00001-deployment")).isNotNull();
        awaitTraffic("t2", "shop", "shop-00001=100"); // 00002 is not ready yet: traffic stays
        markAvailable(client, "t2", "shop-00002-deployment", 1);
        awaitTraffic("t2", "shop", "shop-00002=100");

        editService("t2", "shop", s -> {
            s.getSpec().setTraffic(List.of(
                    new TrafficTarget("shop-00001", null, null, 30L, "old"),
                    new TrafficTarget(null, null, true, 70L, null)));
            return s;
        });
        awaitTraffic("t2", "shop", "shop-00001=30,shop-00002=70");
        Route route = client.resources(Route.class).inNamespace("t2").withName("shop").get();
        assertThat(route.getStatus().getTraffic().get(0).getUrl()).isEqualTo("http://old-shop.t2.example.com");
        assertThat(client.resources(Revision.class).inNamespace("t2").list().getItems()).hasSize(2);
    }

    @Test
    void aDeploymentPastItsProgressDeadlineFailsTheRevisionAndTheService() {
        client.resource(service("t3", "broken", """
                template:
                  spec:
                    containers: [{image: registry.example/broken:1}]
                """)).create();
        awaitGet(Deployment.class, "t3", "broken-00001-deployment");
        MockCluster.markProgressDeadlineExceeded(client, "t3", "broken-00001-deployment");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Revision revision = client.resources(Revision.class).inNamespace("t3").withName("broken-00001").get();
            Condition available = revision.getStatus().condition(RevisionStatus.RESOURCES_AVAILABLE).orElseThrow();
            assertThat(available.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(available.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(available.getMessage()).contains("has timed out progressing");
            Service service = client.resources(Service.class).inNamespace("t3").withName("broken").get();
            Condition ready = service.getStatus().condition(KnativeStatus.READY).orElseThrow();
            assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(ready.getReason()).isEqualTo("RevisionFailed");
            assertThat(ready.getMessage()).contains("broken-00001").contains("Initial scale was never achieved");
            assertThat(service.getStatus().condition(ServiceStatus.CONFIGURATIONS_READY).orElseThrow().isFalse()).isTrue();
        });
    }

    @Test
    void podsThatNeverBecomeAvailableFailTheRevisionAtItsProgressDeadlineByTheClock() {
        client.resource(service("t4", "slow", """
                template:
                  metadata:
                    annotations: {serving.knative.dev/progress-deadline: 90s}
                  spec:
                    containers: [{image: registry.example/slow:1}]
                """)).create();
        Deployment deployment = awaitGet(Deployment.class, "t4", "slow-00001-deployment");
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(90);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(availability("t4", "slow-00001").getReason())
                .isEqualTo("Deploying"));

        CLOCK.advance(Duration.ofSeconds(91).plus(Duration.between(Instant.now(), CLOCK.instant()).abs()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Condition available = availability("t4", "slow-00001");
            assertThat(available.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(available.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(available.getMessage()).contains("within 90s");
            Service service = client.resources(Service.class).inNamespace("t4").withName("slow").get();
            assertThat(service.getStatus().condition(KnativeStatus.READY).orElseThrow().isFalse()).isTrue();
        });
    }

    private static void editService(String namespace, String name, UnaryOperator<Service> change) {
        MockCluster.editService(client, namespace, name, change);
    }

    /**
     * The mock server runs no garbage collector (its CRUD dispatcher deletes only the named object,
     * honouring finalizers but not ownerReferences), so this checks what the collector relies on: each
     * child's controller owner reference is exact, reconciling children whose owner is gone neither
     * fails nor brings the owner back, and children deleted in the collector's order stay deleted.
     */
    @Test
    void deletingAServiceLeavesItsChildrenToTheGarbageCollectorAndReconcilingThemMeanwhileIsHarmless() {
        Service created = client.resource(service("t5", "gone", """
                template:
                  spec:
                    containers: [{image: registry.example/gone:1}]
                """)).create();
        Deployment deployment = awaitGet(Deployment.class, "t5", "gone-00001-deployment");
        Configuration configuration = awaitGet(Configuration.class, "t5", "gone");
        Revision revision = awaitGet(Revision.class, "t5", "gone-00001");
        assertOwnedBy(configuration, "serving.knative.dev/v1", "Service", created);
        assertOwnedBy(awaitGet(Route.class, "t5", "gone"), "serving.knative.dev/v1", "Service", created);
        assertOwnedBy(revision, "serving.knative.dev/v1", "Configuration", configuration);
        assertOwnedBy(deployment, "serving.knative.dev/v1", "Revision", revision);
        assertOwnedBy(awaitGet(io.fabric8.kubernetes.api.model.Service.class, "t5", "gone-00001"),
                "serving.knative.dev/v1", "Revision", revision);

        client.resources(Service.class).inNamespace("t5").withName("gone").delete();
        markAvailable(client, "t5", "gone-00001-deployment", 1); // the orphans keep being reconciled
        awaitTraffic("t5", "gone", "gone-00001=100");
        assertThat(client.resources(Service.class).inNamespace("t5").withName("gone").get()).isNull();

        client.resources(Route.class).inNamespace("t5").withName("gone").delete(); // the collector's next steps
        client.resources(Configuration.class).inNamespace("t5").withName("gone").delete();
        client.resources(Revision.class).inNamespace("t5").withName("gone-00001").delete();
        String deploymentVersion = deployment(client, "t5", "gone-00001-deployment").getMetadata().getResourceVersion();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() ->
                client.resources(Service.class).inNamespace("t5").list().getItems().isEmpty()
                        && client.resources(Configuration.class).inNamespace("t5").list().getItems().isEmpty()
                        && client.resources(Route.class).inNamespace("t5").list().getItems().isEmpty()
                        && client.resources(Revision.class).inNamespace("t5").list().getItems().isEmpty());
        assertThat(deployment(client, "t5", "gone-00001-deployment").getMetadata().getResourceVersion())
                .as("a Deployment whose Revision is gone is left to the collector").isEqualTo(deploymentVersion);
    }

    private static Condition availability(String namespace, String revision) {
        Revision found = client.resources(Revision.class).inNamespace(namespace).withName(revision).get();
        return found.getStatus().condition(RevisionStatus.RESOURCES_AVAILABLE).orElseThrow();
    }

    private static <T extends HasMetadata> T awaitGet(Class<T> type, String namespace, String name) {
        return MockCluster.awaitGet(client, type, namespace, name);
    }

    private static void awaitTraffic(String namespace, String route, String expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Route found = client.resources(Route.class).inNamespace(namespace).withName(route).get();
            assertThat(found.getStatus()).isNotNull();
            assertThat(found.getStatus().getTraffic().stream().map(t -> t.getRevisionName() + "=" + t.getPercent())
                    .collect(Collectors.joining(","))).isEqualTo(expected);
        });
    }

    /** The owner reference Kubernetes' garbage collector follows, exactly as it must be. */
    static void assertOwnedBy(HasMetadata child, String apiVersion, String kind, HasMetadata owner) {
        assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getApiVersion()).isEqualTo(apiVersion);
            assertThat(ref.getKind()).isEqualTo(kind);
            assertThat(ref.getName()).isEqualTo(owner.getMetadata().getName());
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid()).isNotBlank();
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
