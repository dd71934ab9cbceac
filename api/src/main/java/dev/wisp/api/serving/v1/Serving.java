package dev.wisp.api.serving.v1;

/** Constants of the {@code serving.knative.dev/v1} API group. */
public final class Serving {
    public static final String GROUP = "serving.knative.dev";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** Labels Knative sets on the resources it derives. */
    public static final String SERVICE_LABEL = GROUP + "/service";
    public static final String CONFIGURATION_LABEL = GROUP + "/configuration";
    public static final String CONFIGURATION_GENERATION_LABEL = GROUP + "/configurationGeneration";
    public static final String REVISION_LABEL = GROUP + "/revision";
    public static final String ROUTE_LABEL = GROUP + "/route";

    private Serving() {
    }
}
