package dev.wisp.build.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wisp.api.build.BundleReference;
import dev.wisp.build.source.TreeCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The content-addressed bundles under {@code {stateDir}/bundles}: a built app and its manifest are
 * staged, digested ({@link TreeDigest}) and moved in one rename to {@code sha256-{hex}}, the layout of
 * {@link BundleReference}. A bundle never changes once committed; committing the same content twice
 * keeps the first copy.
 */
public final class BundleStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path stateDir;
    private final Path bundles;

    public BundleStore(Path stateDir) {
        this.stateDir = stateDir;
        this.bundles = stateDir.resolve(BundleReference.BUNDLES_DIR);
    }

    /** Moves {@code appDir} into a new bundle with {@code manifest}; returns its reference. */
    public BundleReference commit(Path appDir, BundleManifest manifest) throws IOException {
        Path staging = bundles.resolve(".staging-" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            Files.move(appDir, staging.resolve(BundleReference.APP_DIR));
            Files.write(staging.resolve(BundleReference.MANIFEST), JSON.writeValueAsBytes(manifest));
            BundleReference ref = new BundleReference(manifest.name(), TreeDigest.of(staging, Set.of()));
            Path target = directory(ref);
            if (Files.isDirectory(target)) {
                return ref;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
            return ref;
        } finally {
            TreeCopy.delete(staging);
        }
    }

    /** The manifest of a committed bundle, if it exists. */
    public Optional<BundleManifest> manifest(BundleReference ref) {
        Path file = directory(ref).resolve(BundleReference.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), BundleManifest.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle manifest " + file, e);
        }
    }

    /** The bundle's directory. */
    public Path directory(BundleReference ref) {
        return bundles.resolve(ref.directoryName());
    }

    /** The app directory of a bundle, where its command runs. */
    public Path appDirectory(BundleReference ref) {
        return stateDir.resolve(ref.appPath());
    }
}
