package dev.wisp.serving.reconciler.configuration.resources;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the immutable Revision for a Configuration's current template: template labels and
 * annotations, Knative's configuration/generation/service labels, the Configuration as
 * controller owner, and the template's spec.
 */
public final class RevisionBuilder {

    private RevisionBuilder() {
    }

    public static Revision make(Configuration configuration, String name) {
        ObjectMeta template = configuration.getSpec().getTemplate().getMetadata();
        Map<String, String> labels = new HashMap<>();
        Map<String, String> annotations = new HashMap<>();
        if (template != null && template.getLabels() != null) {
            labels.putAll(template.getLabels());
        }
        if (template != null && template.getAnnotations() != null) {
            annotations.putAll(template.getAnnotations());
        }
        labels.putAll(systemLabels(configuration));
        Revision revision = new Revision();
        revision.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(configuration.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(List.of(Ownership.controllerReference(configuration)))
                .build());
        revision.setSpec(Json.copy(configuration.getSpec().getTemplate().getSpec(), RevisionSpec.class));
        return revision;
    }

    private static Map<String, String> systemLabels(Configuration configuration) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Serving.CONFIGURATION_LABEL, configuration.getMetadata().getName());
        Long generation = configuration.getMetadata().getGeneration();
        labels.put(Serving.CONFIGURATION_GENERATION_LABEL, String.valueOf(generation == null ? 1 : generation));
        Map<String, String> own = configuration.getMetadata().getLabels();
        if (own != null && own.containsKey(Serving.SERVICE_LABEL)) {
            labels.put(Serving.SERVICE_LABEL, own.get(Serving.SERVICE_LABEL));
        }
        return labels;
    }
}
