package dev.wisp.platform.api;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildDefaults;
import dev.wisp.api.build.v1alpha1.BuildValidation;
import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.eventing.v1.Eventing;
import dev.wisp.api.eventing.v1.EventingDefaults;
import dev.wisp.api.eventing.v1.EventingValidation;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.ServingDefaults;
import dev.wisp.api.serving.v1.ServingValidation;
import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * What every resource passes before it is stored: parsing, Knative's defaults, validation with
 * field paths. Status and server-set metadata in the input are ignored, as Kubernetes does.
 */
final class Admission {
    private final ResourceCodec codec = new ResourceCodec();
    private final ServingValidation validation;
    private final EventingValidation eventingValidation = new EventingValidation();

    Admission(AutoscalerDefaults autoscalerDefaults) {
        this.validation = new ServingValidation(autoscalerDefaults);
    }

    List<HasMetadata> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException(400, "BadRequest", "the request body is empty; send a resource as YAML or JSON");
        }
        return codec.readAll(body);
    }

    /** Defaults and validates one resource; {@code namespace} is the path's (null when none). */
    HasMetadata admit(HasMetadata resource, String namespace) {
        List<FieldError> errors = check(resource, namespace);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return resource;
    }

    /** Defaults and validates several resources; errors are prefixed with the resource they belong to. */
    List<HasMetadata> admitAll(List<HasMetadata> resources) {
        List<FieldError> errors = new ArrayList<>();
        for (HasMetadata resource : resources) {
            String prefix = resources.size() > 1 ? describe(resource) + ": " : "";
            check(resource, null).forEach(e -> errors.add(new FieldError(prefix + e.path(), e.message())));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return resources;
    }

    static String describe(HasMetadata resource) {
        ObjectMeta meta = resource.getMetadata();
        return resource.getKind() + " " + (meta == null ? "?" : meta.getNamespace() + "/" + meta.getName());
    }

    private List<FieldError> check(HasMetadata resource, String namespace) {
        if (resource instanceof Revision) {
            throw new BadRequestException(405, "MethodNotAllowed",
                    "Revisions are created by their Configuration; apply a Service or a Configuration instead");
        }
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        ObjectMeta meta = resource.getMetadata();
        List<FieldError> errors = new ArrayList<>();
        if (namespace != null) {
            if (meta.getNamespace() == null) {
                meta.setNamespace(namespace);
            } else if (!meta.getNamespace().equals(namespace)) {
                errors.add(new FieldError("metadata.namespace",
                        "\"" + meta.getNamespace() + "\" does not match the namespace of the request path \"" + namespace + "\""));
            }
        }
        clearServerFields(meta);
        if (resource instanceof Build build) {
            BuildDefaults.apply(build);
            errors.addAll(new BuildValidation().check(build));
            return errors;
        }
        if (Eventing.GROUP.equals(HasMetadata.getGroup(resource.getClass()))) {
            EventingDefaults.apply(resource);
            errors.addAll(eventingValidation.check(resource));
            return errors;
        }
        ServingDefaults.apply(resource);
        errors.addAll(validation.check(resource));
        return errors;
    }

    private static void clearServerFields(ObjectMeta meta) {
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
    }
}
