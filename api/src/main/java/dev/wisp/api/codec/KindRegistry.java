package dev.wisp.api.codec;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an {@code apiVersion} + {@code kind} pair to the Java class a document is read into. The
 * pair is taken from the class's fabric8 {@code @Group}/{@code @Version} annotations and its simple
 * name, so adding a kind (Broker, Trigger, Build) is one {@link #register(Class)} call.
 */
public final class KindRegistry {
    private final Map<String, Class<? extends HasMetadata>> kinds = new LinkedHashMap<>();

    /** A registry of the {@code serving.knative.dev/v1} kinds: Service, Configuration, Revision, Route. */
    public static KindRegistry serving() {
        return new KindRegistry()
                .register(Service.class)
                .register(Configuration.class)
                .register(Revision.class)
                .register(Route.class);
    }

    /**
     * A registry of every kind Wisp serves: the serving kinds, then {@code eventing.knative.dev/v1}
     * Broker and Trigger, then Wisp's own {@code build.wisp.dev/v1alpha1} Build.
     */
    public static KindRegistry knative() {
        return serving()
                .register(Broker.class)
                .register(Trigger.class)
                .register(Build.class);
    }

    /** Adds a kind; returns this registry for chaining. */
    public KindRegistry register(Class<? extends HasMetadata> type) {
        kinds.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type);
        return this;
    }

    /** The class registered for this apiVersion and kind, if any. */
    public Optional<Class<? extends HasMetadata>> find(String apiVersion, String kind) {
        return Optional.ofNullable(kinds.get(key(apiVersion, kind)));
    }

    /** Whether a class is one of the registered kinds. */
    public boolean contains(Class<?> type) {
        return kinds.containsValue(type);
    }

    /** The registered kind names in registration order, for error messages. */
    public List<String> kindNames() {
        List<String> names = new ArrayList<>();
        kinds.values().forEach(type -> names.add(HasMetadata.getKind(type)));
        return names;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "|" + kind;
    }
}
