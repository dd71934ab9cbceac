package dev.wisp.api.build.v1alpha1;

/** Constants of the {@code build.wisp.dev/v1alpha1} API group: its name, version and labels. */
public final class BuildGroup {
    public static final String GROUP = "build.wisp.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** Label set on a Service's template by the Build that produced its image. */
    public static final String BUILD_LABEL = GROUP + "/build";

    /**
     * Annotation that asks for a new run of an unchanged Build (its value is any new token, such as a
     * time): {@code wisp deploy} sets it, so deploying the same directory again runs again (and hits the cache).
     */
    public static final String RUN_ANNOTATION = GROUP + "/run";

    private BuildGroup() {
    }
}
