package dev.wisp.build.source;

import dev.wisp.api.build.v1alpha1.GitSource;
import dev.wisp.build.strategy.BuildFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Clones a Git repository with JGit (no git binary, no shell) and checks out the requested branch,
 * tag or commit; {@code revision} unset means the remote's default branch.
 */
final class GitFetcher {
    private GitFetcher() {
    }

    static FetchedSource fetch(GitSource source, Path into) throws BuildFailure {
        String revision = source.getRevision() == null ? "HEAD" : source.getRevision();
        try (Git git = Git.cloneRepository().setURI(source.getUrl()).setDirectory(into.toFile())
                .setCloneAllBranches(true).call()) {
            ObjectId commit = resolve(git.getRepository(), revision);
            // A throwaway clone: move it to the commit, index and working tree included.
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
            return new FetchedSource(into, source.getUrl() + " at " + revision + " (commit " + commit.name() + ")",
                    List.of());
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new BuildFailure("FetchFailed", "cannot clone " + source.getUrl() + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId resolve(Repository repo, String revision) throws BuildFailure {
        List<String> candidates = List.of("refs/remotes/origin/" + revision, "refs/tags/" + revision, revision);
        try {
            for (String candidate : candidates) {
                ObjectId id = repo.resolve(candidate + "^{commit}");
                if (id != null) {
                    try (RevWalk walk = new RevWalk(repo)) {
                        RevCommit commit = walk.parseCommit(id);
                        return commit.getId();
                    }
                }
            }
        } catch (IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new BuildFailure("RevisionNotFound", "spec.source.git.revision \"" + revision + "\": " + e.getMessage(), e);
        }
        throw new BuildFailure("RevisionNotFound", "spec.source.git.revision \"" + revision
                + "\" is not a branch, tag or commit of the repository");
    }
}
