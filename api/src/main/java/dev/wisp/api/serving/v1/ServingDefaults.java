package dev.wisp.api.serving.v1;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies Knative Serving's defaults at admission, in place and idempotently:
 * <ul>
 *   <li>{@code metadata.namespace}: {@value #DEFAULT_NAMESPACE};</li>
 *   <li>revision specs (Service and Configuration templates, Revisions): {@code containerConcurrency}
 *       {@value #DEFAULT_CONTAINER_CONCURRENCY}, {@code timeoutSeconds} {@value #DEFAULT_TIMEOUT_SECONDS},
 *       container {@code name} {@value #DEFAULT_CONTAINER_NAME};</li>
 *   <li>Service {@code spec.traffic}: {@code [{latestRevision: true, percent: 100}]} when empty;</li>
 *   <li>each traffic target of a Service or Route: {@code latestRevision} = (no revisionName) when unset.</li>
 * </ul>
 * A Route with no traffic is left empty: validation rejects it.
 */
public final class ServingDefaults {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final long DEFAULT_CONTAINER_CONCURRENCY = 0;
    public static final long DEFAULT_TIMEOUT_SECONDS = 300;
    public static final String DEFAULT_CONTAINER_NAME = "user-container";

    private ServingDefaults() {
    }

    /** Applies the defaults of whichever serving kind {@code resource} is; other kinds get only the namespace. */
    public static <T extends HasMetadata> T apply(T resource) {
        if (resource instanceof Service service) {
            apply(service);
        } else if (resource instanceof Configuration configuration) {
            apply(configuration);
        } else if (resource instanceof Revision revision) {
            apply(revision);
        } else if (resource instanceof Route route) {
            apply(route);
        } else {
            defaultNamespace(resource);
        }
        return resource;
    }

    public static Service apply(Service service) {
        defaultNamespace(service);
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            return service;
        }
        defaultTemplate(spec.getTemplate());
        if (spec.getTraffic().isEmpty()) {
            spec.setTraffic(new ArrayList<>(List.of(new TrafficTarget(null, null, true, 100L, null))));
        }
        defaultTraffic(spec.getTraffic());
        return service;
    }

    public static Configuration apply(Configuration configuration) {
        defaultNamespace(configuration);
        if (configuration.getSpec() != null) {
            defaultTemplate(configuration.getSpec().getTemplate());
        }
        return configuration;
    }

    public static Revision apply(Revision revision) {
        defaultNamespace(revision);
        defaultRevisionSpec(revision.getSpec());
        return revision;
    }

    public static Route apply(Route route) {
        defaultNamespace(route);
        if (route.getSpec() != null) {
            defaultTraffic(route.getSpec().getTraffic());
        }
        return route;
    }

    /** Knative's defaults for one revision spec; also used for templates. */
    public static void defaultRevisionSpec(RevisionSpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.getContainerConcurrency() == null) {
            spec.setContainerConcurrency(DEFAULT_CONTAINER_CONCURRENCY);
        }
        if (spec.getTimeoutSeconds() == null) {
            spec.setTimeoutSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        for (Container container : spec.getContainers()) {
            if (container != null && (container.getName() == null || container.getName().isEmpty())) {
                container.setName(DEFAULT_CONTAINER_NAME);
            }
        }
    }

    private static void defaultTemplate(RevisionTemplateSpec template) {
        if (template != null) {
            defaultRevisionSpec(template.getSpec());
        }
    }

    private static void defaultTraffic(List<TrafficTarget> traffic) {
        for (TrafficTarget target : traffic) {
            if (target != null && target.getLatestRevision() == null) {
                String revision = target.getRevisionName();
                target.setLatestRevision(revision == null || revision.isEmpty());
            }
        }
    }

    private static void defaultNamespace(HasMetadata resource) {
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        String namespace = resource.getMetadata().getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            resource.getMetadata().setNamespace(DEFAULT_NAMESPACE);
        }
    }
}
