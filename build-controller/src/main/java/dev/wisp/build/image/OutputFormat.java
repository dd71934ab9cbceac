package dev.wisp.build.image;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import dev.wisp.api.serving.v1.Service;
import java.util.Map;
import java.util.Optional;

/**
 * What a Build produces (pure decision): an OCI image when the workload runs as a container — the
 * target Service's template, or else the Build itself, carries {@code wisp.dev/runtime: container}
 * — otherwise a bundle for the process runtime. The Service's own annotation wins, since it decides
 * which runtime runs the revision.
 */
public enum OutputFormat {
    BUNDLE, OCI;

    /** The output {@code build} needs for {@code target} (the Service as it is now, if it exists). */
    public static OutputFormat of(Build build, Optional<Service> target) {
        Optional<String> fromService = target.flatMap(OutputFormat::templateRuntime);
        Optional<String> runtime = fromService.isPresent() ? fromService
                : RuntimeAnnotation.of(build.getMetadata().getAnnotations());
        return runtime.filter(RuntimeAnnotation.CONTAINER::equals).isPresent() ? OCI : BUNDLE;
    }

    private static Optional<String> templateRuntime(Service service) {
        if (service.getSpec() == null || service.getSpec().getTemplate() == null
                || service.getSpec().getTemplate().getMetadata() == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = service.getSpec().getTemplate().getMetadata().getAnnotations();
        return RuntimeAnnotation.of(annotations);
    }
}
