package dev.wisp.serving.reconciler.service;

import dev.wisp.api.serving.v1.Service;

/** Names of the children of a Service: Knative names its Configuration and Route after it. */
public final class Names {

    private Names() {
    }

    public static String configuration(Service service) {
        return service.getMetadata().getName();
    }

    public static String route(Service service) {
        return service.getMetadata().getName();
    }
}
