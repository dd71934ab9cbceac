package dev.wisp.build.bundle;

import dev.wisp.api.build.BundleReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers which bundle a build key produced ({@code {stateDir}/builds/cache/{key}}), so that the
 * same source digest with the same strategy, context and start settings reuses the bundle without
 * running a step. An entry whose bundle is gone is a miss.
 */
public final class BuildCache {
    private final Path dir;
    private final BundleStore bundles;

    public BuildCache(Path stateDir, BundleStore bundles) {
        this.dir = stateDir.resolve("builds").resolve("cache");
        this.bundles = bundles;
    }

    /** The cache key of a build: a digest of everything that decides its result. */
    public static String key(String sourceDigest, String strategy, String name, String startSettings) {
        return TreeDigest.ofText(String.join("\n", sourceDigest, strategy, name, startSettings));
    }

    public Optional<BundleReference> find(String key) {
        Path entry = dir.resolve(key);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            return BundleReference.parse(Files.readString(entry).trim())
                    .filter(ref -> Files.isDirectory(bundles.directory(ref)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache entry " + entry, e);
        }
    }

    public void put(String key, BundleReference ref) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, ref.image());
            Files.move(tmp, dir.resolve(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry " + key, e);
        }
    }
}
