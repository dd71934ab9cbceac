package dev.wisp.serving.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.controller.ServingSettings;
import dev.wisp.serving.kubernetes.scaling.KubernetesScaleTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler's Kubernetes target against the mock API server with the controllers running:
 * replicas follow {@code setDesiredScale} (the controller leaves them alone), ready counts follow
 * the EndpointSlices of the revision's Service.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesScaleTargetTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    static KubernetesServing serving;
    static KubernetesScaleTarget target;

    @BeforeAll
    static void start() throws Exception {
        MockCluster.installCrds(client);
        serving = KubernetesServing.start(client, new ServingSettings("example.com", 80, AutoscalerDefaults.knative(),
                Duration.ofSeconds(1)), new SettableClock(Instant.now()));
        target = new KubernetesScaleTarget(client);
    }

    @AfterAll
    static void stop() {
        target.close();
        serving.close();
    }

    @Test
    void replicasFollowTheDesiredScaleDownToZeroAndTheControllerLeavesThemAlone() {
        client.resource(MockCluster.service("s1", "scaled", """
                template:
                  spec:
                    containers: [{image: registry.example/scaled:1}]
                """)).create();
        RevisionKey revision = new RevisionKey("s1", "scaled-00001");
        assertThat(MockCluster.awaitGet(client, Deployment.class, "s1", "scaled-00001-deployment").getSpec().getReplicas()).isEqualTo(1);

        target.setDesiredScale(revision, 3);
        assertThat(replicas()).isEqualTo(3);
        MockCluster.markAvailable(client, "s1", "scaled-00001-deployment", 3); // an event: the controller reconciles
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.resources(Revision.class)
                .inNamespace("s1").withName("scaled-00001").get().getStatus().getActualReplicas()).isEqualTo(3));
        assertThat(replicas()).isEqualTo(3);

        target.setDesiredScale(revision, 0);
        assertThat(replicas()).isZero();
        MockCluster.markAvailable(client, "s1", "scaled-00001-deployment", 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.resources(Revision.class)
                .inNamespace("s1").withName("scaled-00001").get().getStatus().getDesiredReplicas()).isZero());
        assertThat(replicas()).isZero();
    }

    @Test
    void scalingARevisionWhoseDeploymentIsGoneIsHarmless() {
        target.setDesiredScale(new RevisionKey("s1", "missing-00001"), 2);
        assertThat(client.apps().deployments().inNamespace("s1").withName("missing-00001-deployment").get()).isNull();
    }

    @Test
    void readyInstancesCountTheReadyEndpointsOfTheRevisionsService() {
        RevisionKey revision = new RevisionKey("s2", "counted-00001");
        assertThat(target.readyInstances(revision)).isZero();
        client.resource(slice("s2", "counted-00001", "counted-00001-abcde", true, true, false)).create();
        client.resource(slice("s2", "other-00001", "other-00001-abcde", true)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.readyInstances(revision) == 2);

        client.resource(slice("s2", "counted-00001", "counted-00001-abcde", false, false, false)).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.readyInstances(revision) == 0);
        assertThat(target.readyInstances(new RevisionKey("s2", "other-00001"))).isEqualTo(1);
    }

    private static int replicas() {
        return client.apps().deployments().inNamespace("s1").withName("scaled-00001-deployment").get().getSpec().getReplicas();
    }

    /** A slice of the revision's Service as the EndpointSlice controller writes it (labels copied from the Service). */
    static EndpointSlice slice(String namespace, String revision, String name, boolean... ready) {
        EndpointSliceBuilder builder = new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("kubernetes.io/service-name", revision, "serving.knative.dev/revision", revision))
                .endMetadata().withAddressType("IPv4");
        for (int i = 0; i < ready.length; i++) {
            builder.addToEndpoints(new EndpointBuilder().withAddresses("10.0.0." + (i + 1))
                    .withNewConditions().withReady(ready[i]).endConditions()
                    .withNewTargetRef().withKind("Pod").withNamespace(namespace).withName(revision + "-pod-" + i).endTargetRef()
                    .build());
        }
        return builder.build();
    }
}
