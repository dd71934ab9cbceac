package dev.wisp.serving.reconciler.configuration;

import dev.wisp.api.serving.v1.Configuration;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Names Knative gives the Revisions of a Configuration. */
public final class Names {

    private Names() {
    }

    /**
     * The name of the Revision for the Configuration's current template: the template's own
     * {@code metadata.name} if set, else {@code {configuration}-{generation as 5 digits}}.
     */
    public static String revision(Configuration configuration) {
        ObjectMeta template = configuration.getSpec().getTemplate() == null
                ? null : configuration.getSpec().getTemplate().getMetadata();
        if (template != null && template.getName() != null && !template.getName().isEmpty()) {
            return template.getName();
        }
        Long generation = configuration.getMetadata().getGeneration();
        return generated(configuration.getMetadata().getName(), generation == null ? 1 : generation);
    }

    /** {@code hello}, 1 -> {@code hello-00001}. */
    public static String generated(String configurationName, long generation) {
        return String.format("%s-%05d", configurationName, generation);
    }
}
