package dev.wisp.build.kubernetes;

import static dev.wisp.build.kubernetes.KubernetesBuildReconcilerTest.build;
import static dev.wisp.build.kubernetes.KubernetesBuildReconcilerTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.testing.ApiCallRecorder;
import dev.wisp.api.testing.ClusterRoleGrants;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes-mode build controller, running with its informers, takes one Build to a completed
 * Job and an updated Service and another to a new Service; the API calls it made are exactly what
 * the ClusterRole {@code wisp-build-controller} in deploy/rbac/controller.yaml grants.
 */
@EnableKubernetesMockClient(crud = true)
class BuildControllerRbacTest {
    private static final String AGENT = "wisp-build-controller";
    private static final String DIGEST = "sha256:" + "c".repeat(64);

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void buildsJobsAndServicesWithExactlyTheGrantedCalls() throws Exception {
        client.resources(Service.class).inNamespace("apps").resource(service("hello", "registry.example/hello:old")).create();
        ApiCallRecorder recorder = new ApiCallRecorder(server);
        try (KubernetesClient own = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build();
             KubernetesBuildController controller = new KubernetesBuildController(own, KubernetesBuildSettings.defaults(),
                     Clock.systemUTC())) {
            controller.start();
            client.resources(Build.class).inNamespace("apps").resource(build("hello", "maven")).create();
            Build fresh = build("fresh", "maven");
            client.resources(Build.class).inNamespace("apps").resource(fresh).create();

            complete("hello-1");
            complete("fresh-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded("hello") && succeeded("fresh"));
            assertThat(image("hello")).isEqualTo("registry.example/hello@" + DIGEST);
            assertThat(image("fresh")).isEqualTo("registry.example/hello@" + DIGEST);
        }

        assertThat(recorder.drainSpelled(AGENT)).isEqualTo(ClusterRoleGrants.of(
                Path.of("../deploy/rbac/controller.yaml"), "wisp-build-controller"));
    }

    /**
     * What the kubelet and then the Job controller write when the build container exits 0 with the digest:
     * the pod's termination first, the Job's completion after it (in that order, as in a cluster: the
     * controller reads the pods when it sees the Job complete).
     */
    private static void complete(String job) {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace("apps").withName(job).get() != null);
        client.pods().inNamespace("apps").resource(new PodBuilder().withNewMetadata().withName(job + "-x1")
                .withLabels(Map.of("job-name", job)).endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("build").withNewState().withNewTerminated()
                        .withExitCode(0).withMessage(DIGEST + "\n").endTerminated().endState().build())
                .endStatus().build()).create();
        Job found = client.batch().v1().jobs().inNamespace("apps").withName(job).get();
        found.setStatus(new JobStatusBuilder().withSucceeded(1).withConditions(new JobConditionBuilder()
                .withType("Complete").withStatus("True").build()).build());
        client.batch().v1().jobs().inNamespace("apps").resource(found).updateStatus();
    }

    private static boolean succeeded(String name) {
        Build build = client.resources(Build.class).inNamespace("apps").withName(name).get();
        return build.getStatus() != null && build.getStatus().condition(BuildStatus.SUCCEEDED)
                .map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static String image(String service) {
        Service found = client.resources(Service.class).inNamespace("apps").withName(service).get();
        return found == null ? null : found.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
