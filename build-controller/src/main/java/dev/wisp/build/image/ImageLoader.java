package dev.wisp.build.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a built image archive (Docker archive, {@code docker save} format) into the container engine
 * the container runtime runs revisions with, and returns the reference the engine knows it by (an
 * image ID or {@code name@sha256:...}) — what the target Service's template is then set to. The
 * platform implements it over the engine client; without one, OCI builds stop at the archive.
 */
@FunctionalInterface
public interface ImageLoader {
    /** Loads {@code archive}; returns the engine's reference of the loaded image. Blocking. */
    String load(Path archive) throws IOException;
}
