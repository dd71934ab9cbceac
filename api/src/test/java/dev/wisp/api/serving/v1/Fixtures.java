package dev.wisp.api.serving.v1;

import dev.wisp.api.codec.ResourceCodec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.function.Consumer;

/** Builders of valid, defaulted serving resources for tests, changed by small modifier functions. */
final class Fixtures {
    static final ResourceCodec CODEC = new ResourceCodec();

    private Fixtures() {
    }

    @SafeVarargs
    static Service service(Consumer<Service>... changes) {
        Service service = ServingDefaults.apply(CODEC.read("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: hello}
                spec:
                  template:
                    spec:
                      containers:
                        - image: registry.example/hello:1.0
                          ports: [{containerPort: 8080}]
                """, Service.class));
        for (Consumer<Service> change : changes) {
            change.accept(service);
        }
        return service;
    }

    @SafeVarargs
    static Route route(Consumer<Route>... changes) {
        Route route = ServingDefaults.apply(CODEC.read("""
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: {name: hello}
                spec:
                  traffic:
                    - configurationName: hello
                      percent: 100
                """, Route.class));
        for (Consumer<Route> change : changes) {
            change.accept(route);
        }
        return route;
    }

    @SafeVarargs
    static Revision revision(Consumer<Revision>... changes) {
        Revision revision = ServingDefaults.apply(CODEC.read("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: hello-00001}
                spec:
                  containers: [{image: registry.example/hello:1.0}]
                """, Revision.class));
        for (Consumer<Revision> change : changes) {
            change.accept(revision);
        }
        return revision;
    }

    static Configuration configuration(String yaml) {
        return ServingDefaults.apply(CODEC.read(yaml, Configuration.class));
    }

    static RevisionSpec templateSpec(Service service) {
        return service.getSpec().getTemplate().getSpec();
    }

    static Container container(Service service) {
        return templateSpec(service).getContainers().get(0);
    }

    /** The template's annotations, created when missing. */
    static Map<String, String> templateAnnotations(Service service) {
        RevisionTemplateSpec template = service.getSpec().getTemplate();
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        if (template.getMetadata().getAnnotations() == null) {
            template.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        return template.getMetadata().getAnnotations();
    }

    static Consumer<Service> annotate(String key, String value) {
        return s -> templateAnnotations(s).put(key, value);
    }

    static TrafficTarget target(String revisionName, Boolean latestRevision, long percent, String tag) {
        return new TrafficTarget(revisionName, null, latestRevision, percent, tag);
    }
}
