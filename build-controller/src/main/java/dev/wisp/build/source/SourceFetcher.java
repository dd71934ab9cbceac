package dev.wisp.build.source;

import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.build.strategy.BuildFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches a Build's source into a fresh directory: a Git clone at the requested revision
 * ({@link GitFetcher}) or a copy of a local directory ({@link TreeCopy}: no special files, no links
 * leaving the source), and resolves {@code contextDir} inside it,
 * refusing a context that leaves the source (also through a symbolic link).
 */
public final class SourceFetcher {
    /** Directories never copied from a local source: VCS data and build outputs of earlier local builds. */
    public static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".venv", "__pycache__");

    /**
     * Fetches {@code source} into {@code into} (must not exist yet). A local copy leaves out special files
     * (sockets, fifos, devices) and refuses a symbolic link that points outside the source.
     */
    public FetchedSource fetch(BuildSource source, Path into) throws BuildFailure {
        if (source.getGit() != null) {
            return GitFetcher.fetch(source.getGit(), into);
        }
        Path from = localRoot(source);
        try {
            List<Path> special = TreeCopy.copy(from.toRealPath(), into, SKIPPED);
            return new FetchedSource(into, from.toString(), special);
        } catch (TreeCopy.LinkOutside e) {
            throw new BuildFailure("SourceLinkOutside", "spec.source.local.path " + from + ": symbolic link "
                    + e.link() + " -> " + e.target() + " points outside the source; only links within the source "
                    + "are copied (replace the link by what it points to, or deploy a directory that holds both)", e);
        } catch (IOException e) {
            throw new BuildFailure("FetchFailed", "cannot copy " + from + ": " + e.getMessage(), e);
        }
    }

    /** For a local source, the app's directory in the user's own tree (read before anything is copied). */
    public static Optional<Path> localAppDir(BuildSource source) throws BuildFailure {
        if (source.getGit() != null || source.getLocal() == null) {
            return Optional.empty();
        }
        Path root = localRoot(source);
        try {
            return Optional.of(contextDir(root.toRealPath(), source.getContextDir()));
        } catch (IOException e) {
            throw new BuildFailure("SourceNotFound", "spec.source.local.path " + root + ": " + e.getMessage(), e);
        }
    }

    private static Path localRoot(BuildSource source) throws BuildFailure {
        Path from = Path.of(source.getLocal().getPath());
        if (!Files.isDirectory(from)) {
            throw new BuildFailure("SourceNotFound", "spec.source.local.path " + from + " is not a directory");
        }
        return from;
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
