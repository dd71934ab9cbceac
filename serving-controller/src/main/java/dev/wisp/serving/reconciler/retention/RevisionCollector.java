package dev.wisp.serving.reconciler.retention;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.runtime.WorkloadRuntime;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes the revisions {@link RevisionRetention} picks for a Configuration, with their log files;
 * the Revision reconciler then stops their instances (a deleted Revision is removed from the
 * runtime and the autoscaler).
 */
public final class RevisionCollector {
    private static final Logger LOG = Logger.getLogger(RevisionCollector.class);

    private final ResourceStore store;
    private final WorkloadRuntime runtime;
    private final int retained;

    public RevisionCollector(ResourceStore store, WorkloadRuntime runtime, int retained) {
        this.store = store;
        this.runtime = runtime;
        this.retained = retained;
    }

    /** Collects the configuration's excess non-active revisions; returns the names deleted. */
    public List<String> collect(Configuration configuration) {
        String namespace = configuration.getMetadata().getNamespace();
        List<String> doomed = RevisionRetention.toDelete(configuration, store.list(Revision.class, namespace),
                store.list(Route.class, namespace), retained);
        for (String name : doomed) {
            RevisionKey key = new RevisionKey(namespace, name);
            List<Path> logs = runtime.logFiles(key);
            if (store.delete(Revision.class, namespace, name)) {
                LOG.infof("revision collected namespace=%s configuration=%s revision=%s retained=%d", namespace,
                        configuration.getMetadata().getName(), name, retained);
            }
            logs.forEach(RevisionCollector::deleteQuietly);
            logs.stream().map(Path::getParent).distinct().forEach(RevisionCollector::deleteQuietly);
        }
        return doomed;
    }

    /** Deletes a log file, or a revision's log directory once empty. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (DirectoryNotEmptyException e) {
            // a revision directory with files the runtime still writes: left for now
        } catch (IOException e) {
            LOG.warnf("revision log not deleted file=%s error=%s", file, e.toString());
        }
    }
}
