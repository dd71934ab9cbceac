package dev.wisp.serving.controller;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Optional;

/** The kinds the serving controller reconciles, with their model classes. */
public enum ResourceKind {
    SERVICE(Service.class),
    CONFIGURATION(Configuration.class),
    REVISION(Revision.class),
    ROUTE(Route.class);

    private final Class<? extends HasMetadata> type;

    ResourceKind(Class<? extends HasMetadata> type) {
        this.type = type;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The kind named {@code kind} ({@code "Service"} ...), if the controller reconciles it. */
    public static Optional<ResourceKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.type.getSimpleName().equals(kind)).findFirst();
    }

    /** The kind of a resource, by its class. */
    public static Optional<ResourceKind> of(HasMetadata resource) {
        return Arrays.stream(values()).filter(k -> k.type.isInstance(resource)).findFirst();
    }
}
