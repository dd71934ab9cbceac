package dev.wisp.api.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of resources, with Kubernetes API semantics: the store sets {@code uid},
 * {@code creationTimestamp}, {@code resourceVersion} and {@code generation} (bumped when the spec
 * changes), returns copies, and deleting a resource deletes what it owns (ownerReferences).
 * Standalone mode implements it on the local disk; Kubernetes mode on the API server.
 */
public interface ResourceStore {

    <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name);

    /** Resources of a type in a namespace ({@code null} = all namespaces), sorted by namespace and name. */
    <T extends HasMetadata> List<T> list(Class<T> type, String namespace);

    /** Stores a new resource; {@link StoreException.Reason#ALREADY_EXISTS} if the name is taken. */
    <T extends HasMetadata> T create(T resource);

    /**
     * Replaces metadata (labels, annotations, owners) and spec, keeping the stored status.
     * {@link StoreException.Reason#CONFLICT} when a given {@code resourceVersion} is stale.
     */
    <T extends HasMetadata> T update(T resource);

    /** Replaces the status only. */
    <T extends HasMetadata> T updateStatus(T resource);

    /** Deletes a resource and, recursively, the resources it owns; false if it did not exist. */
    boolean delete(Class<? extends HasMetadata> type, String namespace, String name);

    /** Registers a listener for changes, called after each change is durable. */
    void addListener(Consumer<StoreEvent> listener);
}
