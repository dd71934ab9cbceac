package dev.wisp.platform.store;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/** The resource kinds standalone Wisp stores and serves, with their API group and plural. */
public final class ResourceKinds {
    /** One stored kind: its class, API group, version and plural (the REST path segment). */
    public record Kind(Class<? extends HasMetadata> type, String group, String version, String plural, String kind) {
        /** The directory name under the store: {@code services.serving.knative.dev}. */
        public String storeDirectory() {
            return plural + "." + group;
        }

        public String apiVersion() {
            return group + "/" + version;
        }
    }

    public static final List<Kind> ALL = List.of(
            kind(Service.class), kind(Configuration.class), kind(Revision.class), kind(Route.class),
            kind(Broker.class), kind(Trigger.class), kind(Build.class));

    private ResourceKinds() {
    }

    private static Kind kind(Class<? extends HasMetadata> type) {
        return new Kind(type, HasMetadata.getGroup(type), HasMetadata.getVersion(type),
                HasMetadata.getPlural(type), HasMetadata.getKind(type));
    }

    public static Kind of(Class<?> type) {
        return ALL.stream().filter(k -> k.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a stored kind: " + type.getName()));
    }

    public static Optional<Kind> byPlural(String group, String plural) {
        return ALL.stream().filter(k -> k.group().equals(group) && k.plural().equals(plural)).findFirst();
    }

    public static Optional<Kind> byKind(String apiVersion, String kind) {
        return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }
}
