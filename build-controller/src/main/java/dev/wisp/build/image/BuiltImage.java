package dev.wisp.build.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI image a build produced: the Docker archive under the state directory, the reference it is
 * tagged with inside the archive, its manifest digest ({@code sha256:...}), its image ID (the config's
 * digest), and the registry reference it was pushed to ({@code repo@sha256:...}), if it was.
 */
public record BuiltImage(Path archive, String taggedAs, String digest, String imageId, Optional<String> pushedAs) {
}
