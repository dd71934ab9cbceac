package dev.wisp.build.source;

import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.build.strategy.BuildFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Fetches a Build's source into a fresh directory: a Git clone at the requested revision
 * ({@link GitFetcher}) or a copy of a local directory, and resolves {@code contextDir} inside it,
 * refusing a context that leaves the source (also through a symbolic link).
 */
public final class SourceFetcher {
    /** Directories never copied from a local source: VCS data and build outputs of earlier local builds. */
    public static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".venv", "__pycache__");

    /** Fetches {@code source} into {@code into} (must not exist yet). */
    public FetchedSource fetch(BuildSource source, Path into) throws BuildFailure {
        if (source.getGit() != null) {
            return GitFetcher.fetch(source.getGit(), into);
        }
        Path from = Path.of(source.getLocal().getPath());
        if (!Files.isDirectory(from)) {
            throw new BuildFailure("SourceNotFound", "spec.source.local.path " + from + " is not a directory");
        }
        try {
            TreeCopy.copy(from, into, SKIPPED);
        } catch (IOException e) {
            throw new BuildFailure("FetchFailed", "cannot copy " + from + ": " + e.getMessage(), e);
        }
        return new FetchedSource(into, from.toString());
    }

    /** The app's directory: {@code contextDir} inside the fetched source, which it must not leave. */
    public static Path contextDir(Path root, String contextDir) throws BuildFailure {
        if (contextDir == null || contextDir.isBlank()) {
            return root;
        }
        Path resolved = root.resolve(contextDir).normalize();
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isDirectory(real)) {
                throw new BuildFailure("ContextDirInvalid", "spec.source.contextDir \"" + contextDir
                        + "\" must be a directory inside the source");
            }
            return real;
        } catch (IOException e) {
            throw new BuildFailure("ContextDirInvalid", "spec.source.contextDir \"" + contextDir
                    + "\" does not exist in the source");
        }
    }
}
