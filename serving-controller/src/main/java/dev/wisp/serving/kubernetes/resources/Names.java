package dev.wisp.serving.kubernetes.resources;

import dev.wisp.api.serving.v1.Revision;

/** Names Knative gives the Kubernetes objects of a Revision: {@code {revision}-deployment} and {@code {revision}}. */
public final class Names {
    private static final String DEPLOYMENT_SUFFIX = "-deployment";

    private Names() {
    }

    public static String deployment(Revision revision) {
        return deployment(revision.getMetadata().getName());
    }

    public static String deployment(String revision) {
        return revision + DEPLOYMENT_SUFFIX;
    }

    /** The Service selecting a revision's pods; its EndpointSlices carry {@code kubernetes.io/service-name} = this. */
    public static String service(Revision revision) {
        return revision.getMetadata().getName();
    }
}
