package dev.wisp.serving.reconciler.service.resources;

import dev.wisp.api.serving.v1.Serving;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The metadata a Service's children share: name, namespace, the service label and the controller owner. */
final class ServiceChildMetadata {

    private ServiceChildMetadata() {
    }

    static ObjectMeta of(Service service, String name) {
        Map<String, String> labels = new HashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(Serving.SERVICE_LABEL, service.getMetadata().getName());
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(service.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(List.of(Ownership.controllerReference(service)))
                .build();
    }
}
