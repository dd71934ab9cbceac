package dev.wisp.build.source;

import java.nio.file.Path;

/** A fetched source: the directory holding it and a description for the log (a path or a commit id). */
public record FetchedSource(Path root, String description) {
}
