package dev.wisp.api.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link ResourceStore} in memory for tests: copies in and out, generation bumped on update, listeners told. */
public final class MemoryStore implements ResourceStore {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, HasMetadata> resources = new TreeMap<>();
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private long version;

    @Override
    public synchronized <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        return Optional.ofNullable(resources.get(key(type, namespace, name))).map(r -> copy(type.cast(r)));
    }

    @Override
    public synchronized <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        List<T> result = new ArrayList<>();
        resources.values().stream().filter(type::isInstance)
                .filter(r -> namespace == null || namespace.equals(r.getMetadata().getNamespace()))
                .forEach(r -> result.add(copy(type.cast(r))));
        return result;
    }

    @Override
    public <T extends HasMetadata> T create(T resource) {
        T stored = copy(resource);
        synchronized (this) {
            stored.getMetadata().setUid(UUID.randomUUID().toString());
            stored.getMetadata().setGeneration(1L);
            stored.getMetadata().setResourceVersion(String.valueOf(++version));
            if (resources.putIfAbsent(key(stored), stored) != null) {
                throw new StoreException(StoreException.Reason.ALREADY_EXISTS, key(stored) + " exists");
            }
        }
        fire(StoreEvent.Type.ADDED, stored);
        return copy(stored);
    }

    @Override
    public <T extends HasMetadata> T update(T resource) {
        T stored = copy(resource);
        synchronized (this) {
            HasMetadata existing = resources.get(key(stored));
            cr(stored).setStatus(cr(existing).getStatus());
            stored.getMetadata().setGeneration(existing.getMetadata().getGeneration() + 1);
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
            HasMetadata existing = resources.get(key(resource));
            if (existing == null) {
                throw new StoreException(StoreException.Reason.NOT_FOUND, key(resource) + " not found");
            }
            stored = copy(existing);
            cr(stored).setStatus(cr(copy(resource)).getStatus());
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
        HasMetadata removed;
        synchronized (this) {
            removed = resources.remove(key(type, namespace, name));
        }
        if (removed != null) {
            fire(StoreEvent.Type.DELETED, removed);
        }
        return removed != null;
    }

    @Override
    public void addListener(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    private void fire(StoreEvent.Type type, HasMetadata resource) {
        listeners.forEach(l -> l.accept(new StoreEvent(type, copy(resource))));
    }

    @SuppressWarnings("unchecked")
    private static CustomResource<?, Object> cr(HasMetadata resource) {
        return (CustomResource<?, Object>) resource;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T copy(T resource) {
        return (T) MAPPER.convertValue(resource, resource.getClass());
    }

    private static String key(HasMetadata r) {
        return key(r.getClass(), r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    private static String key(Class<?> type, String namespace, String name) {
        return type.getSimpleName() + "/" + namespace + "/" + name;
    }
}
