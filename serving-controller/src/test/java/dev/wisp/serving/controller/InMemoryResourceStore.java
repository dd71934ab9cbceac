package dev.wisp.serving.controller;

import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import dev.wisp.serving.reconciler.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link ResourceStore} in memory with the interface's contract: it sets uid, creation time,
 * resourceVersion and generation (bumped on spec change), rejects stale resourceVersions, returns
 * copies, cascades deletes to owned resources and tells listeners after each change.
 */
final class InMemoryResourceStore implements ResourceStore {
    private final Map<String, HasMetadata> resources = new TreeMap<>();
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long version;
    private int statusUpdatesToFail;

    InMemoryResourceStore(Clock clock) {
        this.clock = clock;
    }

    /** Makes the next {@code count} status updates fail with a conflict, as a concurrent writer would cause. */
    synchronized void failNextStatusUpdates(int count) {
        statusUpdatesToFail = count;
    }

    /** The number of writes so far (the last resourceVersion handed out). */
    synchronized long version() {
        return version;
    }

    @Override
    public synchronized <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        return Optional.ofNullable(resources.get(key(type, namespace, name))).map(r -> copy(type.cast(r)));
    }

    @Override
    public synchronized <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        List<T> result = new ArrayList<>();
        for (HasMetadata r : resources.values()) {
            if (type.isInstance(r) && (namespace == null || namespace.equals(r.getMetadata().getNamespace()))) {
                result.add(copy(type.cast(r)));
            }
        }
        return result;
    }

    @Override
    public <T extends HasMetadata> T create(T resource) {
        T stored = copy(resource);
        synchronized (this) {
            String key = key(stored);
            if (resources.containsKey(key)) {
                throw new StoreException(StoreException.Reason.ALREADY_EXISTS, key + " already exists");
            }
            stored.getMetadata().setUid(UUID.randomUUID().toString());
            stored.getMetadata().setCreationTimestamp(clock.instant().toString());
            stored.getMetadata().setGeneration(1L);
            stored.getMetadata().setResourceVersion(String.valueOf(++version));
            resources.put(key, stored);
        }
        fire(StoreEvent.Type.ADDED, stored);
        return copy(stored);
    }

    @Override
    public <T extends HasMetadata> T update(T resource) {
        T stored = copy(resource);
        synchronized (this) {
            HasMetadata existing = existing(stored);
            boolean specChanged = !Json.same(Json.tree(existing).get("spec"), Json.tree(stored).get("spec"));
            status(stored).setStatus(status(existing).getStatus());
            stored.getMetadata().setUid(existing.getMetadata().getUid());
            stored.getMetadata().setCreationTimestamp(existing.getMetadata().getCreationTimestamp());
            stored.getMetadata().setGeneration(existing.getMetadata().getGeneration() + (specChanged ? 1 : 0));
            stored.getMetadata().setResourceVersion(String.valueOf(++version));
            resources.put(key(stored), stored);
        }
        fire(StoreEvent.Type.MODIFIED, stored);
        return copy(stored);
    }

    @Override
    public <T extends HasMetadata> T updateStatus(T resource) {
        HasMetadata stored;
        synchronized (this) {
            if (statusUpdatesToFail > 0) {
                statusUpdatesToFail--;
                throw new StoreException(StoreException.Reason.CONFLICT, key(resource) + " was modified; read it again");
            }
            HasMetadata existing = existing(resource);
            stored = copy(existing);
            status(stored).setStatus(status(copy(resource)).getStatus());
            stored.getMetadata().setResourceVersion(String.valueOf(++version));
            resources.put(key(stored), stored);
        }
        fire(StoreEvent.Type.MODIFIED, stored);
        @SuppressWarnings("unchecked")
        T result = (T) copy(stored);
        return result;
    }

    @Override
    public boolean delete(Class<? extends HasMetadata> type, String namespace, String name) {
        List<HasMetadata> deleted = new ArrayList<>();
        synchronized (this) {
            HasMetadata resource = resources.remove(key(type, namespace, name));
            if (resource == null) {
                return false;
            }
            deleted.add(resource);
            for (int i = 0; i < deleted.size(); i++) {
                deleted.addAll(removeOwnedBy(deleted.get(i)));
            }
        }
        deleted.forEach(r -> fire(StoreEvent.Type.DELETED, r));
        return true;
    }

    @Override
    public void addListener(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    private List<HasMetadata> removeOwnedBy(HasMetadata owner) {
        List<HasMetadata> owned = resources.values().stream().filter(r -> owns(owner, r)).toList();
        owned.forEach(r -> resources.remove(key(r)));
        return owned;
    }

    private static boolean owns(HasMetadata owner, HasMetadata child) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return refs != null && Objects.equals(owner.getMetadata().getNamespace(), child.getMetadata().getNamespace())
                && refs.stream().anyMatch(ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
    }

    private HasMetadata existing(HasMetadata resource) {
        HasMetadata existing = resources.get(key(resource));
        if (existing == null) {
            throw new StoreException(StoreException.Reason.NOT_FOUND, key(resource) + " not found");
        }
        String given = resource.getMetadata().getResourceVersion();
        if (given != null && !given.equals(existing.getMetadata().getResourceVersion())) {
            throw new StoreException(StoreException.Reason.CONFLICT, key(resource) + " was modified; read it again");
        }
        return existing;
    }

    private void fire(StoreEvent.Type type, HasMetadata resource) {
        listeners.forEach(l -> l.accept(new StoreEvent(type, copy(resource))));
    }

    @SuppressWarnings("unchecked")
    private static CustomResource<?, Object> status(HasMetadata resource) {
        return (CustomResource<?, Object>) resource;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T copy(T resource) {
        return (T) Json.copy(resource, resource.getClass());
    }

    private static String key(HasMetadata resource) {
        return key(resource.getClass(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    private static String key(Class<?> type, String namespace, String name) {
        return type.getSimpleName() + "/" + namespace + "/" + name;
    }
}
