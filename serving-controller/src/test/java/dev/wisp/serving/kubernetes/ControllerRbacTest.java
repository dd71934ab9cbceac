package dev.wisp.serving.kubernetes;

import dev.wisp.api.testing.ApiCallRecorder;
import dev.wisp.api.testing.ClusterRoleGrants;
import static dev.wisp.serving.kubernetes.MockCluster.markAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.serving.controller.ServingSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the controllers through a Service's life (create, become ready, drift of its Deployment and
 * Service repaired, new template, traffic split, deletion) and checks that the API calls they made
 * are exactly what {@code deploy/rbac/controller.yaml} grants: nothing missing, nothing more.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerRbacTest {
    private static final String USER_AGENT = "wisp-controller-rbac-test";
    /** Not calls but needed: blockOwnerDeletion requires update on the owner's finalizers (OwnerReferencesPermissionEnforcement). */
    private static final Set<String> FINALIZERS = Set.of("update serving.knative.dev/services/finalizers",
            "update serving.knative.dev/configurations/finalizers", "update serving.knative.dev/revisions/finalizers");

    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void theControllerMakesExactlyTheCallsItsClusterRoleGrants() throws Exception {
        MockCluster.installCrds(client);
        Set<String> calls;
        try (KubernetesClient controllerClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent(USER_AGENT).build()).build();
             KubernetesServing serving = KubernetesServing.start(controllerClient, new ServingSettings("example.com", 80,
                     AutoscalerDefaults.knative(), Duration.ofSeconds(1)), new SettableClock(Instant.now()))) {
            driveAServiceThroughItsLife();
            calls = controllerCalls();
        }
        Set<String> granted = granted();
        assertThat(calls).as("calls not granted").isSubsetOf(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(calls);
        unused.removeAll(FINALIZERS);
        assertThat(unused).as("granted but never used").isEmpty();
    }

    private static void driveAServiceThroughItsLife() {
        client.resource(MockCluster.service("r1", "life", """
                template:
                  spec:
                    containers: [{image: registry.example/life:1}]
                """)).create();
        MockCluster.awaitGet(client, Deployment.class, "r1", "life-00001-deployment");
        markAvailable(client, "r1", "life-00001-deployment", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> ready("life"));

        client.apps().deployments().inNamespace("r1").withName("life-00001-deployment").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else");
            return d;
        });
        client.services().inNamespace("r1").withName("life-00001").edit(s -> {
            s.getSpec().setSelector(Map.of("app", "else"));
            return s;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> "registry.example/life:1".equals(client.apps().deployments()
                .inNamespace("r1").withName("life-00001-deployment").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage())
                && !client.services().inNamespace("r1").withName("life-00001").get().getSpec().getSelector().containsKey("app"));

        MockCluster.editService(client, "r1", "life", s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/life:2");
            s.getSpec().setTraffic(List.of(new TrafficTarget("life-00001", null, null, 50L, null),
                    new TrafficTarget(null, null, true, 50L, null)));
            return s;
        });
        MockCluster.awaitGet(client, Deployment.class, "r1", "life-00002-deployment");
        markAvailable(client, "r1", "life-00002-deployment", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Route route = client.resources(Route.class).inNamespace("r1").withName("life").get();
            return route.getStatus().getTraffic().size() == 2;
        });
        client.resources(Service.class).inNamespace("r1").withName("life").delete();
        client.resources(Configuration.class).inNamespace("r1").withName("life").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.resources(Service.class).inNamespace("r1").list().getItems().isEmpty());
    }

    private static boolean ready(String name) {
        Service service = client.resources(Service.class).inNamespace("r1").withName(name).get();
        return service.getStatus() != null && service.getStatus().isReady();
    }

    private static Set<String> controllerCalls() throws InterruptedException {
        return new ApiCallRecorder(server).drainSpelled(USER_AGENT);
    }

    private static Set<String> granted() {
        return ClusterRoleGrants.of(Path.of(System.getProperty("user.dir")).resolve("../deploy/rbac/controller.yaml").normalize(), "wisp-controller");
    }
}
