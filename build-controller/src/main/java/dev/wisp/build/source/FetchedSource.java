package dev.wisp.build.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A fetched source: the directory holding it, a description for the log (a path or a commit id), and
 * the special files (sockets, fifos, devices) a local copy left out, relative to the source.
 */
public record FetchedSource(Path root, String description, List<Path> skippedSpecialFiles) {
    public FetchedSource {
        skippedSpecialFiles = List.copyOf(skippedSpecialFiles);
    }
}
