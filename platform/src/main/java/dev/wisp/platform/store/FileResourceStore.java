package dev.wisp.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import dev.wisp.api.store.StoreException.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The standalone {@link ResourceStore}: every resource is one JSON file under the state directory,
 * written crash-safely ({@link AtomicFiles}), and held in memory for reads. Writes are serialized;
 * listeners hear about a change only once it is on disk.
 */
public final class FileResourceStore implements ResourceStore {
    private static final Logger LOG = Logger.getLogger(FileResourceStore.class);

    private final StoreDirectory directory;
    private final JsonCopier json = new JsonCopier();
    private final Clock clock;
    private final Map<StoreKey, HasMetadata> resources;
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private long resourceVersion;

    private FileResourceStore(StoreDirectory directory, Map<StoreKey, HasMetadata> loaded, Clock clock) {
        this.directory = directory;
        this.resources = loaded;
        this.clock = clock;
        this.resourceVersion = loaded.values().stream()
                .mapToLong(r -> parseVersion(r.getMetadata().getResourceVersion())).max().orElse(0);
    }

    /** Opens (creating if needed) the store in {@code root} and loads every resource in it. */
    public static FileResourceStore open(Path root, Clock clock) {
        StoreDirectory directory = new StoreDirectory(root);
        Map<StoreKey, HasMetadata> loaded = directory.loadAll();
        LOG.infof("store opened path=%s resources=%d", root, loaded.size());
        return new FileResourceStore(directory, loaded, clock);
    }

    @Override
    public synchronized <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        HasMetadata found = resources.get(new StoreKey(ResourceKinds.of(type), namespace, name));
        return Optional.ofNullable(found).map(r -> type.cast(json.copy(r)));
    }

    @Override
    public synchronized <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        ResourceKinds.Kind kind = ResourceKinds.of(type);
        return resources.entrySet().stream()
                .filter(e -> e.getKey().kind().equals(kind))
                .filter(e -> namespace == null || e.getKey().namespace().equals(namespace))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(StoreKey::namespace).thenComparing(StoreKey::name)))
                .map(e -> type.cast(json.copy(e.getValue())))
                .toList();
    }

    @Override
    public synchronized <T extends HasMetadata> T create(T resource) {
        StoreKey key = keyOf(resource);
        if (resources.containsKey(key)) {
            throw new StoreException(Reason.ALREADY_EXISTS, key.describe() + " already exists");
        }
        T stored = json.copy(resource);
        ObjectMeta meta = stored.getMetadata();
        meta.setUid(UUID.randomUUID().toString());
        meta.setCreationTimestamp(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.setGeneration(1L);
        meta.setResourceVersion(nextVersion());
        return write(key, stored, StoreEvent.Type.ADDED);
    }

    @Override
    public synchronized <T extends HasMetadata> T update(T resource) {
        StoreKey key = keyOf(resource);
        HasMetadata current = existing(key, resource.getMetadata().getResourceVersion());
        T stored = json.copy(resource);
        ObjectMeta meta = stored.getMetadata();
        ObjectMeta was = current.getMetadata();
        meta.setUid(was.getUid());
        meta.setCreationTimestamp(was.getCreationTimestamp());
        boolean specChanged = !Objects.equals(json.tree(current).get("spec"), json.tree(stored).get("spec"));
        meta.setGeneration(specChanged ? was.getGeneration() + 1 : was.getGeneration());
        copyStatus(current, stored);
        if (json.tree(current).equals(withVersion(stored, was.getResourceVersion()))) {
            return type(resource).cast(json.copy(current));
        }
        meta.setResourceVersion(nextVersion());
        return write(key, stored, StoreEvent.Type.MODIFIED);
    }

    @Override
    public synchronized <T extends HasMetadata> T updateStatus(T resource) {
        StoreKey key = keyOf(resource);
        HasMetadata current = existing(key, resource.getMetadata().getResourceVersion());
        HasMetadata stored = json.copy(current);
        copyStatus(resource, stored);
        if (json.tree(current).equals(json.tree(stored))) {
            return type(resource).cast(json.copy(current));
        }
        stored.getMetadata().setResourceVersion(nextVersion());
        return type(resource).cast(write(key, stored, StoreEvent.Type.MODIFIED));
    }

    @Override
    public synchronized boolean delete(Class<? extends HasMetadata> type, String namespace, String name) {
        StoreKey key = new StoreKey(ResourceKinds.of(type), namespace, name);
        HasMetadata current = resources.get(key);
        if (current == null) {
            return false;
        }
        for (StoreKey owned : ownedBy(current.getMetadata().getUid())) {
            delete(owned.kind().type(), owned.namespace(), owned.name());
        }
        try {
            directory.delete(key);
        } catch (IOException e) {
            throw new StoreException(Reason.INTERNAL, "cannot delete " + key.describe() + ": " + e.getMessage(), e);
        }
        resources.remove(key);
        notifyListeners(new StoreEvent(StoreEvent.Type.DELETED, json.copy(current)));
        return true;
    }

    @Override
    public void addListener(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    private List<StoreKey> ownedBy(String uid) {
        List<StoreKey> owned = new ArrayList<>();
        resources.forEach((key, r) -> {
            if (r.getMetadata().getOwnerReferences() != null
                    && r.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
                owned.add(key);
            }
        });
        return owned;
    }

    private <T extends HasMetadata> T write(StoreKey key, T stored, StoreEvent.Type type) {
        try {
            directory.write(key, json.toBytes(stored));
        } catch (IOException e) {
            throw new StoreException(Reason.INTERNAL, "cannot write " + key.describe() + ": " + e.getMessage(), e);
        }
        resources.put(key, stored);
        notifyListeners(new StoreEvent(type, json.copy(stored)));
        return json.copy(stored);
    }

    private void notifyListeners(StoreEvent event) {
        for (Consumer<StoreEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "store listener failed event=%s", event.type());
            }
        }
    }

    private HasMetadata existing(StoreKey key, String expectedVersion) {
        HasMetadata current = resources.get(key);
        if (current == null) {
            throw new StoreException(Reason.NOT_FOUND, key.describe() + " not found");
        }
        if (expectedVersion != null && !expectedVersion.equals(current.getMetadata().getResourceVersion())) {
            throw new StoreException(Reason.CONFLICT, key.describe() + " was modified (resourceVersion "
                    + current.getMetadata().getResourceVersion() + ", request had " + expectedVersion
                    + "); read it again and retry");
        }
        return current;
    }

    private JsonNode withVersion(HasMetadata resource, String version) {
        HasMetadata copy = json.copy(resource);
        copy.getMetadata().setResourceVersion(version);
        return json.tree(copy);
    }

    private void copyStatus(HasMetadata from, HasMetadata to) {
        ResourceStatus.copy(from, to);
    }

    private StoreKey keyOf(HasMetadata resource) {
        ObjectMeta meta = resource.getMetadata();
        if (meta == null || meta.getName() == null || meta.getNamespace() == null) {
            throw new StoreException(Reason.INVALID, "metadata.name and metadata.namespace are required");
        }
        return new StoreKey(ResourceKinds.of(resource.getClass()), meta.getNamespace(), meta.getName());
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> Class<T> type(T resource) {
        return (Class<T>) resource.getClass();
    }

    private String nextVersion() {
        return Long.toString(++resourceVersion);
    }

    private static long parseVersion(String version) {
        try {
            return version == null ? 0 : Long.parseLong(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
