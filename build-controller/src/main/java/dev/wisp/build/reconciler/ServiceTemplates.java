package dev.wisp.build.reconciler;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceSpec;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import dev.wisp.build.bundle.BundleManifest;
import dev.wisp.build.run.BuildResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the target Service a successful build rolls out (pure): the existing Service (or a new one
 * named by {@code spec.target.service}) with its first container's image set to the bundle, its
 * command and args to the bundle's start command, its working directory to the bundle's app
 * directory, the bundle's env merged in by name, and the template labelled with the Build. Everything else the user set on the Service is kept.
 */
public final class ServiceTemplates {
    private ServiceTemplates() {
    }

    public static Service rollOut(Optional<Service> existing, Build build, BuildResult.Built built, String appDir) {
        Service service = existing.orElseGet(() -> newService(build));
        Container container = firstContainer(service, build);
        container.setImage(built.bundle().image());
        container.setCommand(new ArrayList<>(built.manifest().command()));
        container.setArgs(built.manifest().args().isEmpty() ? null : new ArrayList<>(built.manifest().args()));
        container.setWorkingDir(appDir);
        container.setEnv(mergeEnv(container.getEnv(), built.manifest().env()));
        return service;
    }

    /**
     * The target Service running an OCI image built from {@code manifest}: the image's entrypoint
     * starts the app, so command, args and working directory are cleared — unless the start command
     * uses {@code $(VAR)} references, which only the runtime expands, then they are set as for a
     * bundle. The template asks for the container runtime ({@code wisp.dev/runtime: container}).
     */
    public static Service rollOutImage(Optional<Service> existing, Build build, String image, BundleManifest manifest) {
        Service service = existing.orElseGet(() -> newService(build));
        Container container = firstContainer(service, build);
        Map<String, String> annotations = service.getSpec().getTemplate().getMetadata().getAnnotations();
        annotations = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
        annotations.put(RuntimeAnnotation.KEY, RuntimeAnnotation.CONTAINER);
        service.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
        container.setImage(image);
        boolean expands = java.util.stream.Stream.concat(manifest.command().stream(), manifest.args().stream())
                .anyMatch(a -> a.contains("$("));
        container.setCommand(expands ? new ArrayList<>(manifest.command()) : null);
        container.setArgs(expands && !manifest.args().isEmpty() ? new ArrayList<>(manifest.args()) : null);
        container.setWorkingDir(null);
        container.setEnv(mergeEnv(container.getEnv(), manifest.env()));
        return service;
    }

    /** The template's first container (created when missing), the template labelled with the Build. */
    public static Container firstContainer(Service service, Build build) {
        ServiceSpec spec = service.getSpec();
        RevisionTemplateSpec template = spec.getTemplate() == null ? new RevisionTemplateSpec() : spec.getTemplate();
        spec.setTemplate(template);
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        template.setMetadata(meta);
        meta.setName(null); // a fixed revision name cannot name a second revision
        Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
        labels.put(BuildGroup.BUILD_LABEL, build.getMetadata().getName());
        meta.setLabels(labels);
        RevisionSpec revision = template.getSpec() == null ? new RevisionSpec() : template.getSpec();
        template.setSpec(revision);
        if (revision.getContainers().isEmpty()) {
            revision.getContainers().add(new Container());
        }
        return revision.getContainers().get(0);
    }

    /** A new, empty Service named by the Build's target, in its namespace. */
    public static Service newService(Build build) {
        Service service = new Service();
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(build.getMetadata().getNamespace());
        meta.setName(build.getSpec().getTarget().getService());
        service.setMetadata(meta);
        service.setSpec(new ServiceSpec());
        return service;
    }

    private static List<EnvVar> mergeEnv(List<EnvVar> current, Map<String, String> fromBuild) {
        List<EnvVar> merged = new ArrayList<>();
        if (current != null) {
            current.stream().filter(v -> !fromBuild.containsKey(v.getName())).forEach(merged::add);
        }
        fromBuild.forEach((name, value) -> merged.add(new EnvVar(name, value, null)));
        return merged.isEmpty() ? null : merged;
    }
}
