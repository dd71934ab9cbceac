package dev.wisp.serving.kubernetes.resources;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Deployment that runs a Revision's pods, as Knative's {@code makeDeployment} does: the
 * user's container with its {@code containerPort}, {@code PORT} and {@code K_*} env, its probes (a
 * TCP readiness probe on the port when it has none) and resources; Knative's labels; the Revision
 * as controller owner; the progress deadline. Replicas are the initial scale here and belong to
 * the autoscaler afterwards.
 */
public final class RevisionDeploymentBuilder {
    /** Knative's default user port when the container declares none. */
    public static final int DEFAULT_PORT = 8080;
    public static final String PORT_NAME = "user-port";

    private RevisionDeploymentBuilder() {
    }

    /** The Deployment for {@code revision}, created with {@code initialScale} replicas. */
    public static Deployment make(Revision revision, int initialScale) {
        Map<String, String> labels = RevisionLabels.of(revision);
        List<Container> containers = new ArrayList<>();
        for (Container container : revision.getSpec().getContainers()) {
            containers.add(userContainer(revision, container));
        }
        return new DeploymentBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(Names.deployment(revision))
                        .withNamespace(revision.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withOwnerReferences(List.of(Ownership.controllerReference(revision)))
                        .build())
                .withNewSpec()
                .withReplicas(initialScale)
                .withProgressDeadlineSeconds((int) ProgressDeadline.of(revision).toSeconds())
                .withNewSelector().withMatchLabels(RevisionLabels.selector(revision)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(new PodSpecBuilder()
                        .withContainers(containers)
                        .withEnableServiceLinks(false)
                        .build())
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The port the user's container listens on: its first {@code containerPort}, else 8080. */
    public static int userPort(Revision revision) {
        for (Container container : revision.getSpec().getContainers()) {
            if (container.getPorts() != null && !container.getPorts().isEmpty()
                    && container.getPorts().get(0).getContainerPort() != null) {
                return container.getPorts().get(0).getContainerPort();
            }
        }
        return DEFAULT_PORT;
    }

    private static Container userContainer(Revision revision, Container declared) {
        Container container = Json.copy(declared, Container.class);
        int port = userPort(revision);
        if (container.getName() == null || container.getName().isEmpty()) {
            container.setName("user-container");
        }
        container.setPorts(List.of(userContainerPort(declared, port)));
        container.setEnv(environment(revision, declared, port));
        container.setReadinessProbe(ProbeDefaults.readiness(declared.getReadinessProbe(), port));
        container.setLivenessProbe(ProbeDefaults.withPort(declared.getLivenessProbe(), port));
        container.setStartupProbe(ProbeDefaults.withPort(declared.getStartupProbe(), port));
        return container;
    }

    private static ContainerPort userContainerPort(Container declared, int port) {
        String protocol = declared.getPorts() == null || declared.getPorts().isEmpty()
                ? null : declared.getPorts().get(0).getProtocol();
        return new ContainerPortBuilder().withName(PORT_NAME).withContainerPort(port)
                .withProtocol(protocol == null ? "TCP" : protocol).build();
    }

    /** The container's env without the reserved names, then PORT and K_* (Knative reserves them). */
    private static List<EnvVar> environment(Revision revision, Container declared, int port) {
        List<String> reserved = List.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");
        List<EnvVar> env = new ArrayList<>();
        if (declared.getEnv() != null) {
            declared.getEnv().stream().filter(v -> !reserved.contains(v.getName()))
                    .map(v -> Json.copy(v, EnvVar.class)).forEach(env::add);
        }
        Map<String, String> labels = revision.getMetadata().getLabels() == null
                ? Map.of() : revision.getMetadata().getLabels();
        env.add(new EnvVar("PORT", String.valueOf(port), null));
        env.add(new EnvVar("K_REVISION", revision.getMetadata().getName(), null));
        env.add(new EnvVar("K_CONFIGURATION", labels.getOrDefault(Serving.CONFIGURATION_LABEL, ""), null));
        env.add(new EnvVar("K_SERVICE", labels.getOrDefault(Serving.SERVICE_LABEL, ""), null));
        return env;
    }
}
