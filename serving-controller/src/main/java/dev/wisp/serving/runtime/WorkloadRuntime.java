package dev.wisp.serving.runtime;

import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the instances of revisions: the process runtime in standalone mode, Deployments on
 * Kubernetes. The revision reconciler registers revisions; the autoscaler sets their scale
 * ({@link ScaleTarget}); the activator finds their ready instances ({@link InstanceDirectory}).
 */
public interface WorkloadRuntime extends ScaleTarget, InstanceDirectory, AutoCloseable {

    /**
     * Registers a revision (or updates its registration). Starts nothing by itself: instances
     * follow {@link #setDesiredScale}. A revision's spec is immutable, so a second call only
     * refreshes what is derived from it.
     */
    void ensure(Revision revision);

    /** Stops every instance of a revision (draining them) and forgets it. */
    void remove(RevisionKey revision);

    /** What the revision reconciler reports in the Revision's status. */
    RevisionHealth health(RevisionKey revision);

    /** The revision's instances, running or starting, for {@code wisp describe}. */
    List<InstanceInfo> instances(RevisionKey revision);

    /** The log files of a revision's instances, oldest first (including stopped ones still on disk). */
    List<Path> logFiles(RevisionKey revision);

    /**
     * The digest ({@code sha256:...}) the revision's image was pinned to when it was first ensured,
     * for runtimes that run images; empty for others or before the image is resolved.
     */
    default Optional<String> imageDigest(RevisionKey revision) {
        return Optional.empty();
    }

    /** Registers a listener called when a revision's health changes (instance ready, crashed, stopped). */
    void onHealthChange(Consumer<RevisionKey> listener);

    /** Stops every instance of every revision; returns once they are gone. */
    @Override
    void close();
}
