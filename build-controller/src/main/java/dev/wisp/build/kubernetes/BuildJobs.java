package dev.wisp.build.kubernetes;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildSpec;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import dev.wisp.build.bundle.TreeDigest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the batch/v1 Job that runs one Build in Kubernetes (pure): init containers clone the Git
 * source into an emptyDir and check out the revision; the build container then builds and pushes
 * {@code spec.output.image} — the Jib Maven plugin for strategy {@code maven}, Kaniko with the
 * context's Dockerfile otherwise — and writes the pushed digest to its termination message. Every
 * command is an argument array; nothing goes through a shell. Owned by the Build, never retried.
 */
public final class BuildJobs {
    static final String WORKSPACE = "/workspace";
    static final String SOURCE = WORKSPACE + "/source";
    static final String BUILD_CONTAINER = "build";
    static final String TERMINATION_LOG = "/dev/termination-log";

    private BuildJobs() {
    }

    /** Why {@code build} cannot run as a Job (field path and what is needed), if it cannot. */
    public static Optional<String> problem(Build build) {
        BuildSpec spec = build.getSpec();
        if (spec.getSource() == null || spec.getSource().getGit() == null) {
            return Optional.of("spec.source.git: required in Kubernetes mode (source.local names a directory on one machine)");
        }
        if (spec.getOutput() == null || spec.getOutput().getImage() == null || spec.getOutput().getImage().isBlank()) {
            return Optional.of("spec.output.image: required in Kubernetes mode, the registry repository the Job pushes to");
        }
        return Optional.empty();
    }

    /** The Job's name: the Build's, its generation and a digest of its run token, at most 63 characters. */
    public static String name(Build build) {
        String run = Optional.ofNullable(build.getMetadata().getAnnotations()).map(a -> a.get(BuildGroup.RUN_ANNOTATION)).orElse("");
        String suffix = "-" + build.getMetadata().getGeneration() + (run.isEmpty() ? "" : "-" + TreeDigest.ofText(run).substring(0, 8));
        String base = build.getMetadata().getName();
        return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }

    /** The Job for {@code build}; call only when {@link #problem} is empty. */
    public static Job make(Build build, KubernetesBuildSettings settings) {
        var git = build.getSpec().getSource().getGit();
        List<Container> init = new ArrayList<>();
        init.add(container("fetch-source", settings.gitImage(), List.of("clone", "--", git.getUrl(), SOURCE)));
        if (git.getRevision() != null) {
            init.add(container("checkout", settings.gitImage(), List.of("-C", SOURCE, "checkout", git.getRevision(), "--")));
        }
        return new JobBuilder()
                .withNewMetadata().withName(name(build)).withNamespace(build.getMetadata().getNamespace())
                .withLabels(Map.of(BuildGroup.BUILD_LABEL, build.getMetadata().getName()))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(BuildGroup.API_VERSION).withKind("Build")
                        .withName(build.getMetadata().getName()).withUid(build.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(Map.of(BuildGroup.BUILD_LABEL, build.getMetadata().getName())).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewVolume().withName("workspace").withNewEmptyDir().endEmptyDir().endVolume()
                .withInitContainers(init)
                .withContainers(buildContainer(build, settings))
                .endSpec().endTemplate().endSpec().build();
    }

    private static Container buildContainer(Build build, KubernetesBuildSettings settings) {
        String context = build.getSpec().getSource().getContextDir() == null ? SOURCE
                : SOURCE + "/" + build.getSpec().getSource().getContextDir();
        String image = build.getSpec().getOutput().getImage();
        Container container;
        if (BuildStrategy.fromSpec(build.getSpec().getStrategy()).orElse(BuildStrategy.AUTO) == BuildStrategy.MAVEN) {
            container = container(BUILD_CONTAINER, settings.mavenImage(), List.of("-B", "--no-transfer-progress",
                    "-Dstyle.color=never", "-DskipTests", "compile",
                    "com.google.cloud.tools:jib-maven-plugin:" + settings.jibPluginVersion() + ":build",
                    "-Dimage=" + image, "-Djib.outputPaths.digest=" + TERMINATION_LOG));
            container.setCommand(List.of("mvn"));
        } else {
            container = container(BUILD_CONTAINER, settings.kanikoImage(), List.of("--context=dir://" + context,
                    "--dockerfile=Dockerfile", "--destination=" + image, "--digest-file=" + TERMINATION_LOG));
        }
        container.setWorkingDir(context);
        container.setEnv(build.getSpec().getEnv());
        return container;
    }

    private static Container container(String name, String image, List<String> args) {
        // FallbackToLogsOnError: a failed step reports its last log lines in its termination message
        return new ContainerBuilder().withName(name).withImage(image).withArgs(args)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withVolumeMounts(new VolumeMount(WORKSPACE, null, "workspace", null, null, null, null)).build();
    }
}
