package dev.wisp.serving.kubernetes;

import static org.awaitility.Awaitility.await;

import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Fixtures for the mock API server: installs the CRDs from {@code deploy/crds} (so it knows their
 * status subresources), builds Knative Services from YAML and plays the part of Kubernetes'
 * Deployment controller by writing Deployment status.
 */
final class MockCluster {

    private MockCluster() {
    }

    static void installCrds(KubernetesClient client) throws IOException {
        Path crds = Path.of(System.getProperty("user.dir")).resolve("../deploy/crds").normalize();
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    client.apiextensions().v1().customResourceDefinitions().load(in).create();
                }
            }
        }
    }

    /** A Service {@code name} in {@code namespace} from the YAML of its {@code spec}. */
    static Service service(String namespace, String name, String specYaml) {
        String yaml = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: " + name
                + "\n  namespace: " + namespace + "\nspec:\n" + specYaml.indent(2);
        return Serialization.unmarshal(yaml, Service.class);
    }

    /** Writes the status the Deployment controller would once {@code ready} pods are available. */
    static void markAvailable(KubernetesClient client, String namespace, String deployment, int ready) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(ready).withReadyReplicas(ready).withAvailableReplicas(ready)
                    .withUpdatedReplicas(ready).build());
            return d;
        });
    }

    /** Writes the status the Deployment controller writes when the progress deadline passes. */
    static void markProgressDeadlineExceeded(KubernetesClient client, String namespace, String deployment) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withUnavailableReplicas(1)
                    .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                            .withReason("ProgressDeadlineExceeded")
                            .withMessage("ReplicaSet \"" + deployment + "-5d4f\" has timed out progressing.").build())
                    .build());
            return d;
        });
    }

    /** The object once it exists (the controllers create it asynchronously). */
    static <T extends HasMetadata> T awaitGet(KubernetesClient client, Class<T> type, String namespace, String name) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> client.resources(type).inNamespace(namespace).withName(name).get(), r -> r != null);
    }

    /** Edits a Service as a user would, again when a controller wrote its status in between (409). */
    static void editService(KubernetesClient client, String namespace, String name, UnaryOperator<Service> change) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            client.resources(Service.class).inNamespace(namespace).withName(name).edit(change);
            return true;
        });
    }

    static Deployment deployment(KubernetesClient client, String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }
}
