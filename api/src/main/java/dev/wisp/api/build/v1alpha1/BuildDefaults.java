package dev.wisp.api.build.v1alpha1;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Sets a Build's defaults at admission: namespace {@code default}, strategy {@code auto}, the target
 * Service named like the Build, and a {@code contextDir} without leading {@code ./} or trailing slash.
 */
public final class BuildDefaults {
    private BuildDefaults() {
    }

    /** Applies the defaults in place. */
    public static void apply(Build build) {
        if (build.getMetadata() == null) {
            build.setMetadata(new ObjectMeta());
        }
        if (build.getMetadata().getNamespace() == null || build.getMetadata().getNamespace().isBlank()) {
            build.getMetadata().setNamespace("default");
        }
        BuildSpec spec = build.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.getStrategy() == null || spec.getStrategy().isBlank()) {
            spec.setStrategy(BuildStrategy.AUTO.specName());
        }
        if (spec.getTarget() == null) {
            spec.setTarget(new BuildTarget());
        }
        if (spec.getTarget().getService() == null || spec.getTarget().getService().isBlank()) {
            spec.getTarget().setService(build.getMetadata().getName());
        }
        BuildSource source = spec.getSource();
        if (source != null && source.getContextDir() != null) {
            source.setContextDir(normalizeContextDir(source.getContextDir()));
        }
    }

    /** {@code ./app/} becomes {@code app}; {@code .} and blank become null (the source's root). */
    static String normalizeContextDir(String dir) {
        String d = dir.trim();
        while (d.startsWith("./")) {
            d = d.substring(2);
        }
        while (d.endsWith("/") && d.length() > 1) {
            d = d.substring(0, d.length() - 1);
        }
        return d.isEmpty() || d.equals(".") ? null : d;
    }
}
