package dev.wisp.platform.api;

import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a template that names its revision ({@code spec.template.metadata.name}) when a revision
 * of that name already exists with a different spec: revisions are immutable, so the changed
 * template needs a new name (Knative's webhook refuses the same). Needs the store, so it runs
 * after the store-free admission checks.
 */
final class TemplateNameCheck {
    private final ResourceStore store;
    private final ResourceCodec codec = new ResourceCodec();

    TemplateNameCheck(ResourceStore store) {
        this.store = store;
    }

    /** Throws a {@link ValidationException} naming every template whose revision name is taken. */
    void check(List<HasMetadata> resources) {
        List<FieldError> errors = new ArrayList<>();
        for (HasMetadata resource : resources) {
            String prefix = resources.size() > 1 ? Admission.describe(resource) + ": " : "";
            template(resource).flatMap(t -> conflict(resource.getMetadata().getNamespace(), t))
                    .ifPresent(message -> errors.add(new FieldError(prefix + "spec.template.metadata.name", message)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private Optional<String> conflict(String namespace, RevisionTemplateSpec template) {
        if (template.getMetadata() == null || template.getMetadata().getName() == null) {
            return Optional.empty();
        }
        String name = template.getMetadata().getName();
        return store.get(Revision.class, namespace, name)
                .filter(existing -> !codec.toTree(existing.getSpec()).equals(codec.toTree(template.getSpec())))
                .map(existing -> "revision \"" + name + "\" already exists with a different template; revisions are"
                        + " immutable, so give the changed template a new name (or none, for a generated one)");
    }

    private static Optional<RevisionTemplateSpec> template(HasMetadata resource) {
        if (resource instanceof Service service && service.getSpec() != null) {
            return Optional.ofNullable(service.getSpec().getTemplate());
        }
        if (resource instanceof Configuration configuration && configuration.getSpec() != null) {
            return Optional.ofNullable(configuration.getSpec().getTemplate());
        }
        return Optional.empty();
    }
}
