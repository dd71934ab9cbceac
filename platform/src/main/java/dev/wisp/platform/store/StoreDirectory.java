package dev.wisp.platform.store;

import dev.wisp.api.store.StoreException;
import dev.wisp.api.store.StoreException.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The on-disk layout of the store: {@code {root}/{plural}.{group}/{namespace}/{name}.json}.
 * Leftover temporary files of an interrupted write are removed on load.
 */
final class StoreDirectory {
    private static final Logger LOG = Logger.getLogger(StoreDirectory.class);
    private final Path root;
    private final JsonCopier json = new JsonCopier();

    StoreDirectory(Path root) {
        this.root = root;
    }

    Path fileOf(StoreKey key) {
        return root.resolve(key.kind().storeDirectory()).resolve(key.namespace()).resolve(key.name() + ".json");
    }

    void write(StoreKey key, byte[] bytes) throws IOException {
        AtomicFiles.write(fileOf(key), bytes);
    }

    void delete(StoreKey key) throws IOException {
        AtomicFiles.delete(fileOf(key));
    }

    Map<StoreKey, HasMetadata> loadAll() {
        Map<StoreKey, HasMetadata> loaded = new HashMap<>();
        try {
            Files.createDirectories(root);
            for (ResourceKinds.Kind kind : ResourceKinds.ALL) {
                Path kindDir = root.resolve(kind.storeDirectory());
                if (Files.isDirectory(kindDir)) {
                    loadKind(kind, kindDir, loaded);
                }
            }
        } catch (IOException e) {
            throw new StoreException(Reason.INTERNAL, "cannot read the store at " + root + ": " + e.getMessage(), e);
        }
        return loaded;
    }

    private void loadKind(ResourceKinds.Kind kind, Path kindDir, Map<StoreKey, HasMetadata> loaded) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(kindDir, 2)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                LOG.infof("store removing interrupted write file=%s", file);
                Files.delete(file);
                continue;
            }
            if (!fileName.endsWith(".json")) {
                continue;
            }
            HasMetadata resource = read(kind, file);
            loaded.put(new StoreKey(kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName()), resource);
        }
    }

    private HasMetadata read(ResourceKinds.Kind kind, Path file) {
        try {
            return json.fromBytes(Files.readAllBytes(file), kind.type());
        } catch (IOException e) {
            throw new StoreException(Reason.INTERNAL, "the store file " + file + " cannot be read (" + e.getMessage()
                    + "); move it away to start without it", e);
        }
    }
}
