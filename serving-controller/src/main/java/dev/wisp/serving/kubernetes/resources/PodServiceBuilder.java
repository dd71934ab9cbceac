package dev.wisp.serving.kubernetes.resources;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;

/**
 * Builds the Kubernetes Service {@code {revision}} that selects a Revision's pods; its
 * EndpointSlices are how the activator and autoscaler find the ready pods.
 */
public final class PodServiceBuilder {
    public static final String PORT_NAME = "http";
    public static final int SERVICE_PORT = 80;

    private PodServiceBuilder() {
    }

    public static Service make(Revision revision) {
        return new ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(Names.service(revision))
                        .withNamespace(revision.getMetadata().getNamespace())
                        .withLabels(RevisionLabels.of(revision))
                        .withOwnerReferences(List.of(Ownership.controllerReference(revision)))
                        .build())
                .withNewSpec()
                .withSelector(RevisionLabels.selector(revision))
                .addNewPort().withName(PORT_NAME).withProtocol("TCP").withPort(SERVICE_PORT)
                .withTargetPort(new IntOrString(RevisionDeploymentBuilder.userPort(revision))).endPort()
                .endSpec()
                .build();
    }
}
