package dev.wisp.activator;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An {@link InstanceDirectory} the tests fill by hand; listeners are called on the caller's (test) thread. */
final class InMemoryInstanceDirectory implements InstanceDirectory {

    private final Map<RevisionKey, RevisionEndpoints> revisions = new ConcurrentHashMap<>();
    private final List<Consumer<RevisionKey>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        RevisionEndpoints known = revisions.get(revision);
        return known != null ? known : RevisionEndpoints.unknown(revision);
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        listeners.add(listener);
    }

    /** Declares a revision with its limits and no ready instance (scaled to zero). */
    void declare(RevisionKey revision, int containerConcurrency, Duration timeout) {
        revisions.put(revision, new RevisionEndpoints(revision, true, containerConcurrency, timeout, List.of()));
        notifyListeners(revision);
    }

    /** Declares a revision with Knative's response-start and idle timeouts too. */
    void declare(RevisionKey revision, int containerConcurrency, Duration timeout, Duration responseStart,
                 Duration idle) {
        revisions.put(revision, new RevisionEndpoints(revision, true, containerConcurrency, timeout, responseStart,
                idle, List.of()));
        notifyListeners(revision);
    }

    /** Takes an instance out of rotation, like a runtime about to stop it. */
    void removeReady(RevisionKey revision, String instanceId) {
        RevisionEndpoints current = endpoints(revision);
        revisions.put(revision, current.withReady(current.ready().stream()
                .filter(e -> !e.instanceId().equals(instanceId)).toList()));
        notifyListeners(revision);
    }

    /** Adds a ready instance and tells the listeners, like a runtime whose instance passed its probe. */
    void addReady(RevisionKey revision, Endpoint endpoint) {
        RevisionEndpoints current = endpoints(revision);
        List<Endpoint> ready = new ArrayList<>(current.ready());
        ready.add(endpoint);
        revisions.put(revision, current.withReady(ready));
        notifyListeners(revision);
    }

    /** Forgets the revision, as when it was deleted. */
    void forget(RevisionKey revision) {
        revisions.remove(revision);
        notifyListeners(revision);
    }

    private void notifyListeners(RevisionKey revision) {
        listeners.forEach(listener -> listener.accept(revision));
    }
}
