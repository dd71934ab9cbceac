package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.testing.ApiCallRecorder;
import dev.wisp.api.testing.ClusterRoleGrants;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler role alone against the mock API server: it scales an idle revision's Deployment to
 * zero through the scale subresource once its initial scale was reached, and the calls it made are exactly what its ClusterRole in
 * deploy/rbac/autoscaler.yaml grants.
 */
@EnableKubernetesMockClient(crud = true)
class AutoscalerRoleRbacTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void scalesAnIdleRevisionToZeroWithExactlyTheCallsItsRoleGrants() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("../deploy/crds/revisions.serving.knative.dev.yaml"))) {
            client.apiextensions().v1().customResourceDefinitions().load(in).create();
        }
        client.resource(Serialization.unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: idle-00001, namespace: default}
                spec:
                  containers: [{image: registry.example/idle:1}]
                """, Revision.class)).create();
        client.resource(new DeploymentBuilder().withNewMetadata().withNamespace("default").withName("idle-00001-deployment")
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "idle").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "idle").endMetadata().withNewSpec()
                .addNewContainer().withName("user-container").withImage("registry.example/idle:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        // its one pod is ready (what the EndpointSlice controller writes): the initial scale is reached
        client.resource(new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("idle-00001-x1")
                .addToLabels("kubernetes.io/service-name", "idle-00001")
                .addToLabels("serving.knative.dev/revision", "idle-00001").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.0.0.7").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort().build()).create();
        ApiCallRecorder recorder = new ApiCallRecorder(server);
        recorder.drain();

        Vertx vertx = Vertx.vertx();
        KubernetesSettings settings = new KubernetesSettings(WispRoles.parse("autoscaler"), "wisp-system", "example.com",
                "127.0.0.1", 0, 0, null, null, "127.0.0.1", 1, "http://127.0.0.1:1");
        AutoscalerDefaults quick = new AutoscalerDefaults(Duration.ofSeconds(1), Duration.ofSeconds(1), 100, 0.7, 1,
                false, true);
        try (KubernetesClient autoscalerClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent("autoscaler").build()).build();
             KubernetesWisp wisp = KubernetesWisp.start(settings, quick, Duration.ofMillis(250), new KubernetesWisp.Host(
                     autoscalerClient, vertx, new SimpleMeterRegistry(), new AutoscalerMetricsRoute(), "test-pod",
                     Clock.systemUTC()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> client.apps().deployments().inNamespace("default")
                    .withName("idle-00001-deployment").get().getSpec().getReplicas() == 0);
        } finally {
            vertx.close();
        }

        assertThat(recorder.drainSpelled("autoscaler"))
                .isEqualTo(ClusterRoleGrants.of(Path.of("../deploy/rbac/autoscaler.yaml")));
    }
}
