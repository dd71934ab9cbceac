package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.RevisionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtimes waiting for instances to finish their in-flight requests before stopping them,
 * keyed by revision and instance id. Not thread-safe: the dispatcher guards it with its lock.
 */
final class DrainWaiters {

    private record Key(RevisionKey revision, String instanceId) {
    }

    private final Map<Key, List<CompletableFuture<Void>>> waiting = new HashMap<>();

    void add(RevisionKey revision, String instanceId, CompletableFuture<Void> drained) {
        waiting.computeIfAbsent(new Key(revision, instanceId), k -> new ArrayList<>()).add(drained);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Removes and returns the waiters of the instance (to be completed outside the lock). */
    List<CompletableFuture<Void>> take(RevisionKey revision, String instanceId) {
        List<CompletableFuture<Void>> drained = waiting.remove(new Key(revision, instanceId));
        return drained == null ? List.of() : drained;
    }
}
