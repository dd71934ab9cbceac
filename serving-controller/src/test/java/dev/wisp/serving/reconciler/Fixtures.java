package dev.wisp.serving.reconciler;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.ConfigurationSpec;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.TrafficTarget;
import dev.wisp.api.status.KnativeStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Small builders of resources for planner tests, in the style {@code service("hello", withTraffic(...))}. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    public static final String NAMESPACE = "default";

    private Fixtures() {
    }

    @SafeVarargs
    public static Service service(String name, Consumer<Service>... options) {
        Service service = new Service();
        service.setMetadata(meta("Service", name));
        service.getSpec().setTemplate(template("v1"));
        service.getSpec().setTraffic(new ArrayList<>(List.of(new TrafficTarget(null, null, true, 100L, null))));
        for (Consumer<Service> option : options) {
            option.accept(service);
        }
        return service;
    }

    @SafeVarargs
    public static Configuration configuration(String name, Consumer<Configuration>... options) {
        Configuration configuration = new Configuration();
        configuration.setMetadata(meta("Configuration", name));
        ConfigurationSpec spec = new ConfigurationSpec();
        spec.setTemplate(template("v1"));
        configuration.setSpec(spec);
        for (Consumer<Configuration> option : options) {
            option.accept(configuration);
        }
        return configuration;
    }

    @SafeVarargs
    public static Revision revision(String name, Consumer<Revision>... options) {
        Revision revision = new Revision();
        revision.setMetadata(meta("Revision", name));
        revision.setSpec(template("v1").getSpec());
        for (Consumer<Revision> option : options) {
            option.accept(revision);
        }
        return revision;
    }

    @SafeVarargs
    public static Route route(String name, Consumer<Route>... options) {
        Route route = new Route();
        route.setMetadata(meta("Route", name));
        for (Consumer<Route> option : options) {
            option.accept(route);
        }
        return route;
    }

    /** A template whose single container says {@code version} in its environment. */
    public static RevisionTemplateSpec template(String version) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainerConcurrency(0L);
        spec.setTimeoutSeconds(300L);
        spec.setContainers(new ArrayList<>(List.of(new ContainerBuilder().withImage("hello")
                .withCommand("java", "-jar", "hello.jar").addNewEnv().withName("VERSION").withValue(version).endEnv()
                .build())));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(spec);
        return template;
    }

    public static TrafficTarget latest(long percent) {
        return new TrafficTarget(null, null, true, percent, null);
    }

    public static TrafficTarget pinned(String revision, long percent) {
        return new TrafficTarget(revision, null, false, percent, null);
    }

    public static TrafficTarget tagged(TrafficTarget target, String tag) {
        target.setTag(tag);
        return target;
    }

    public static <T extends HasMetadata> T generation(T resource, long generation) {
        resource.getMetadata().setGeneration(generation);
        return resource;
    }

    /** Makes {@code owner} the controller of {@code child}. */
    public static <T extends HasMetadata> T ownedBy(T child, HasMetadata owner) {
        child.getMetadata().setOwnerReferences(new ArrayList<>(List.of(Ownership.controllerReference(owner))));
        return child;
    }

    public static void ready(KnativeStatus status, String conditionStatus, String reason, String message) {
        status.mark(KnativeStatus.READY, conditionStatus, reason, message, NOW);
    }

    private static ObjectMeta meta(String kind, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .withUid(UUID.nameUUIDFromBytes((kind + "/" + name).getBytes()).toString()).withGeneration(1L).build();
    }
}
