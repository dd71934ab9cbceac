package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.RevisionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The listeners of a runtime: subscribers to ready endpoints (the activator) and to revision
 * health (the revision reconciler). A failing listener is logged and does not stop the others.
 */
public final class RuntimeListeners {

    private static final Logger LOG = Logger.getLogger(RuntimeListeners.class);

    private final List<Consumer<RevisionKey>> endpointSubscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<RevisionKey>> healthListeners = new CopyOnWriteArrayList<>();

    public void subscribeEndpoints(Consumer<RevisionKey> listener) {
        endpointSubscribers.add(listener);
    }

    public void subscribeHealth(Consumer<RevisionKey> listener) {
        healthListeners.add(listener);
    }

    /** Tells endpoint subscribers that a revision's ready instances changed. */
    public void endpointsChanged(RevisionKey revision) {
        notifyAll(endpointSubscribers, revision, "endpoints");
    }

    /** Tells health listeners that a revision's health changed. */
    public void healthChanged(RevisionKey revision) {
        notifyAll(healthListeners, revision, "health");
    }

    private static void notifyAll(List<Consumer<RevisionKey>> listeners, RevisionKey revision, String kind) {
        for (Consumer<RevisionKey> listener : listeners) {
            try {
                listener.accept(revision);
            } catch (RuntimeException e) {
                LOG.errorf(e, "event=listener-failed kind=%s revision=%s", kind, revision);
            }
        }
    }
}
