package dev.wisp.build.run;

import dev.wisp.api.build.BundleReference;
import dev.wisp.build.bundle.BundleManifest;

/** The outcome of one build run: a bundle (built or from the cache) or a failure with a reason and message. */
public sealed interface BuildResult {
    /** A bundle to roll out, with its manifest (start command and env) and whether it came from the cache. */
    record Built(BundleReference bundle, BundleManifest manifest, boolean cacheHit) implements BuildResult {
    }

    /**
     * A build that failed; the Service stays as it is. {@code sourceDigest} ({@code sha256:...}) and
     * {@code strategy} are those of the failed run's source, null when it failed before they were known.
     */
    record Failed(String reason, String message, String sourceDigest, String strategy) implements BuildResult {
    }
}
