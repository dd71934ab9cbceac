package dev.wisp.build.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildDefaults;
import dev.wisp.api.build.v1alpha1.BuildOutput;
import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.build.v1alpha1.GitSource;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.status.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesBuildReconcilerTest {
    static final String DIGEST = "sha256:" + "b".repeat(64);
    KubernetesClient client;
    KubernetesBuildReconciler reconciler;

    @BeforeEach
    void setUp() {
        reconciler = new KubernetesBuildReconciler(client, KubernetesBuildSettings.defaults(),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        client.resources(Service.class).inNamespace("apps").resource(service("hello", "registry.example/hello:old")).create();
    }

    @Test
    void mavenBuildBecomesAJibJobOwnedByTheBuild() {
        Build build = client.resources(Build.class).inNamespace("apps").resource(build("hello", "maven")).create();

        reconciler.reconcile("apps", "hello");

        Job job = client.batch().v1().jobs().inNamespace("apps").withName("hello-1").get();
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(List.of(o.getKind(), o.getName(), o.getUid(), String.valueOf(o.getController())))
                        .containsExactly("Build", "hello", build.getMetadata().getUid(), "true"));
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getInitContainers()).extracting(Container::getImage, Container::getArgs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpine/git:2.45.2", List.of("clone", "--", "https://git.example/hello.git", "/workspace/source")),
                org.assertj.core.groups.Tuple.tuple("alpine/git:2.45.2", List.of("-C", "/workspace/source", "checkout", "v1", "--")));
        Container main = pod.getContainers().get(0);
        assertThat(main.getImage()).isEqualTo("maven:3-eclipse-temurin-17");
        assertThat(main.getCommand()).containsExactly("mvn");
        assertThat(main.getArgs()).containsExactly("-B", "--no-transfer-progress", "-Dstyle.color=never",
                "-DskipTests", "compile",
                "com.google.cloud.tools:jib-maven-plugin:3.4.4:build", "-Dimage=registry.example/hello",
                "-Djib.outputPaths.digest=/dev/termination-log");
        assertThat(main.getWorkingDir()).isEqualTo("/workspace/source/app");
        assertThat(succeeded("hello").getStatus()).isEqualTo("Unknown");
    }

    @Test
    void otherStrategiesBuildWithKaniko() {
        client.resources(Build.class).inNamespace("apps").resource(build("hello", "auto")).create();

        reconciler.reconcile("apps", "hello");

        Container main = client.batch().v1().jobs().inNamespace("apps").withName("hello-1").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(main.getImage()).isEqualTo("gcr.io/kaniko-project/executor:v1.23.2");
        assertThat(main.getCommand()).isEmpty();
        assertThat(main.getArgs()).containsExactly("--context=dir:///workspace/source/app", "--dockerfile=Dockerfile",
                "--destination=registry.example/hello", "--digest-file=/dev/termination-log");
    }

    @Test
    void completedJobSucceedsTheBuildAndUpdatesTheService() {
        client.resources(Build.class).inNamespace("apps").resource(build("hello", "maven")).create();
        reconciler.reconcile("apps", "hello");
        finishJob("hello-1", "Complete", DIGEST + "\n");

        reconciler.reconcile("apps", "hello");

        Build build = client.resources(Build.class).inNamespace("apps").withName("hello").get();
        assertThat(succeeded("hello").getStatus()).isEqualTo("True");
        assertThat(build.getStatus().getImageDigest()).isEqualTo(DIGEST);
        assertThat(serviceImage()).isEqualTo("registry.example/hello@" + DIGEST).isEqualTo(build.getStatus().getImage());
    }

    @Test
    void failedJobFailsTheBuildAndLeavesTheService() {
        client.resources(Build.class).inNamespace("apps").resource(build("hello", "maven")).create();
        reconciler.reconcile("apps", "hello");
        finishJob("hello-1", "Failed", "[ERROR] App.java:[3,1] cannot find symbol");

        reconciler.reconcile("apps", "hello");

        Condition condition = succeeded("hello");
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("BuildJobFailed");
        assertThat(condition.getMessage()).contains("BackoffLimitExceeded", "cannot find symbol");
        assertThat(serviceImage()).isEqualTo("registry.example/hello:old");
    }

    @Test
    void aBuildWithoutAnOutputImageFailsWithTheField() {
        Build build = build("hello", "maven");
        build.getSpec().setOutput(null);
        client.resources(Build.class).inNamespace("apps").resource(build).create();

        reconciler.reconcile("apps", "hello");

        assertThat(succeeded("hello").getMessage()).startsWith("spec.output.image: required");
        assertThat(client.batch().v1().jobs().inNamespace("apps").list().getItems()).isEmpty();
    }

    private void finishJob(String name, String condition, String terminationMessage) {
        Job job = client.batch().v1().jobs().inNamespace("apps").withName(name).get();
        job.setStatus(new JobStatusBuilder().withSucceeded(condition.equals("Complete") ? 1 : 0)
                .withConditions(new JobConditionBuilder().withType(condition).withStatus("True")
                        .withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null).build()).build());
        client.batch().v1().jobs().inNamespace("apps").resource(job).updateStatus();
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-x1").withLabels(Map.of("job-name", name)).endMetadata()
                .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("build")
                        .withNewState().withNewTerminated().withExitCode(condition.equals("Complete") ? 0 : 1)
                        .withMessage(terminationMessage).endTerminated().endState().build())
                .endStatus().build();
        client.pods().inNamespace("apps").resource(pod).create();
    }

    private Condition succeeded(String name) {
        BuildStatus status = client.resources(Build.class).inNamespace("apps").withName(name).get().getStatus();
        return status.condition(BuildStatus.SUCCEEDED).orElseThrow();
    }

    private String serviceImage() {
        return client.resources(Service.class).inNamespace("apps").withName("hello").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    static Build build(String name, String strategy) {
        Build build = new Build();
        build.setMetadata(new ObjectMeta());
        build.getMetadata().setName(name);
        build.getMetadata().setNamespace("apps");
        build.getSpec().setSource(new BuildSource());
        build.getSpec().getSource().setGit(new GitSource("https://git.example/hello.git", "v1"));
        build.getSpec().getSource().setContextDir("app");
        build.getSpec().setStrategy(strategy);
        build.getSpec().setOutput(new BuildOutput());
        build.getSpec().getOutput().setImage("registry.example/hello");
        BuildDefaults.apply(build);
        return build;
    }

    static Service service(String name, String image) {
        Service service = new Service();
        service.setMetadata(new ObjectMeta());
        service.getMetadata().setName(name);
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(new RevisionSpec());
        Container container = new Container();
        container.setImage(image);
        template.getSpec().setContainers(new ArrayList<>(List.of(container)));
        service.getSpec().setTemplate(template);
        return service;
    }
}
