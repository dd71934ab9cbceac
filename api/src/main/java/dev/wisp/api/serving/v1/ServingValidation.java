package dev.wisp.api.serving.v1;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.autoscaling.ScalingAnnotationValidation;
import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.FieldErrors;
import dev.wisp.api.validation.KubernetesNames;
import dev.wisp.api.validation.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Set;

/**
 * Validates Services, Configurations, Revisions and Routes at admission (after
 * {@link ServingDefaults}), collecting every problem with its Knative-style field path
 * ({@code spec.template.spec.containers[0].image: required}). Fields Wisp does not implement are
 * rejected by name, never silently ignored; see {@link RevisionSpecValidation},
 * {@link ContainerValidation}, {@link ProbeValidation}, {@link TrafficValidation} and
 * {@link ScalingAnnotationValidation} for the rules. Stateless and thread-safe.
 */
public final class ServingValidation {
    private final AutoscalerDefaults autoscaler;

    /** Validation against Knative's default autoscaler settings. */
    public ServingValidation() {
        this(AutoscalerDefaults.knative());
    }

    /** Validation against the platform's autoscaler settings (they decide whether initial-scale 0 is allowed). */
    public ServingValidation(AutoscalerDefaults autoscaler) {
        this.autoscaler = autoscaler;
    }

    /** Throws a {@link ValidationException} listing every problem of {@code resource}, if it has any. */
    public void validate(HasMetadata resource) {
        List<FieldError> errors = check(resource);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Every problem of a serving resource; empty when it is valid. */
    public List<FieldError> check(HasMetadata resource) {
        FieldErrors errors = new FieldErrors();
        if (resource instanceof Service service) {
            checkService(service, errors);
        } else if (resource instanceof Configuration configuration) {
            checkConfiguration(configuration, errors);
        } else if (resource instanceof Revision revision) {
            checkRevision(revision, errors);
        } else if (resource instanceof Route route) {
            checkRoute(route, errors);
        } else {
            errors.add("kind", "not a serving.knative.dev/v1 kind: " + resource.getKind());
        }
        return errors.list();
    }

    private void checkService(Service service, FieldErrors errors) {
        checkMetadata(service.getMetadata(), errors);
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            errors.add("spec", "required");
            return;
        }
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        checkTemplate(nameOf(service), spec.getTemplate(), errors);
        checkTopLevelAnnotations(service.getMetadata(), spec.getTemplate(), errors);
        TrafficValidation.validate("spec.traffic", spec.getTraffic(), TrafficValidation.Owner.SERVICE, errors);
        if (service.getMetadata() != null) {
            RolloutAnnotationValidation.validate("metadata.annotations", service.getMetadata().getAnnotations(), errors);
        }
    }

    private void checkConfiguration(Configuration configuration, FieldErrors errors) {
        checkMetadata(configuration.getMetadata(), errors);
        ConfigurationSpec spec = configuration.getSpec();
        if (spec == null) {
            errors.add("spec", "required");
            return;
        }
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        checkTemplate(nameOf(configuration), spec.getTemplate(), errors);
        checkTopLevelAnnotations(configuration.getMetadata(), spec.getTemplate(), errors);
    }

    private void checkRevision(Revision revision, FieldErrors errors) {
        checkMetadata(revision.getMetadata(), errors);
        RevisionSpecValidation.validate("spec", revision.getSpec(), errors);
        if (revision.getMetadata() != null) {
            ScalingAnnotationValidation.validate("metadata.annotations", revision.getMetadata().getAnnotations(),
                    concurrency(revision.getSpec()), autoscaler, errors);
            RuntimeAnnotation.validate("metadata.annotations", revision.getMetadata().getAnnotations(), errors);
        }
    }

    private void checkRoute(Route route, FieldErrors errors) {
        checkMetadata(route.getMetadata(), errors);
        RouteSpec spec = route.getSpec() == null ? new RouteSpec() : route.getSpec();
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        TrafficValidation.validate("spec.traffic", spec.getTraffic(), TrafficValidation.Owner.ROUTE, errors);
        if (route.getMetadata() != null) {
            RolloutAnnotationValidation.validate("metadata.annotations", route.getMetadata().getAnnotations(), errors);
        }
    }

    private static void checkMetadata(ObjectMeta metadata, FieldErrors errors) {
        if (metadata == null || metadata.getName() == null || metadata.getName().isEmpty()) {
            errors.add("metadata.name", "required");
        } else {
            KubernetesNames.dns1035LabelProblem(metadata.getName()).ifPresent(p -> errors.add("metadata.name", p));
        }
        if (metadata == null) {
            return;
        }
        if (metadata.getNamespace() != null && !metadata.getNamespace().isEmpty()) {
            KubernetesNames.dns1123LabelProblem(metadata.getNamespace())
                    .ifPresent(p -> errors.add("metadata.namespace", p));
        }
        if (metadata.getGenerateName() != null) {
            errors.add("metadata.generateName", FieldErrors.NOT_SUPPORTED + "; set metadata.name");
        }
        errors.unknownFields("metadata", metadata.getAdditionalProperties(), Set.of());
    }

    private void checkTemplate(String ownerName, RevisionTemplateSpec template, FieldErrors errors) {
        if (template == null) {
            errors.add("spec.template", "required");
            return;
        }
        errors.unknownFields("spec.template", template.getUnknownFields(), Set.of());
        ObjectMeta metadata = template.getMetadata();
        if (metadata != null) {
            checkTemplateName(ownerName, metadata.getName(), errors);
            if (metadata.getGenerateName() != null) {
                errors.notSupported("spec.template.metadata.generateName");
            }
            errors.unknownFields("spec.template.metadata", metadata.getAdditionalProperties(), Set.of());
            ScalingAnnotationValidation.validate("spec.template.metadata.annotations", metadata.getAnnotations(),
                    concurrency(template.getSpec()), autoscaler, errors);
            RuntimeAnnotation.validate("spec.template.metadata.annotations", metadata.getAnnotations(), errors);
        }
        RevisionSpecValidation.validate("spec.template.spec", template.getSpec(), errors);
    }

    private static void checkTemplateName(String ownerName, String name, FieldErrors errors) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (ownerName != null && !name.startsWith(ownerName + "-")) {
            errors.add("spec.template.metadata.name", "must have prefix \"" + ownerName + "-\", got \"" + name + "\"");
        } else {
            KubernetesNames.dns1035LabelProblem(name).ifPresent(p -> errors.add("spec.template.metadata.name", p));
        }
    }

    /** Autoscaling annotations on the Service/Configuration itself apply class-wide; Knative validates them too. */
    private void checkTopLevelAnnotations(ObjectMeta metadata, RevisionTemplateSpec template, FieldErrors errors) {
        if (metadata != null) {
            long cc = template == null ? 0 : concurrency(template.getSpec());
            ScalingAnnotationValidation.validate("metadata.annotations", metadata.getAnnotations(), cc, autoscaler, errors);
        }
    }

    private static long concurrency(RevisionSpec spec) {
        return spec == null || spec.getContainerConcurrency() == null ? 0 : spec.getContainerConcurrency();
    }

    private static String nameOf(HasMetadata resource) {
        return resource.getMetadata() == null ? null : resource.getMetadata().getName();
    }
}
