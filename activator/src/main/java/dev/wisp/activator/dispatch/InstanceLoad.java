package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import java.util.HashMap;
import java.util.Map;

/** Counts the requests the activator has in flight on each instance of each revision. Not thread-safe. */
public final class InstanceLoad {

    private final Map<RevisionKey, Map<Endpoint, Integer>> inFlight = new HashMap<>();

    /** Takes one slot on {@code instance}. */
    public void acquire(RevisionKey revision, Endpoint instance) {
        inFlight.computeIfAbsent(revision, r -> new HashMap<>()).merge(instance, 1, Integer::sum);
    }

    /** Gives back one slot on {@code instance}. */
    public void release(RevisionKey revision, Endpoint instance) {
        Map<Endpoint, Integer> counts = inFlight.get(revision);
        if (counts == null) {
            return;
        }
        counts.computeIfPresent(instance, (k, n) -> n <= 1 ? null : n - 1);
        if (counts.isEmpty()) {
            inFlight.remove(revision);
        }
    }

    /** Requests in flight on {@code instance}. */
    public int inFlight(RevisionKey revision, Endpoint instance) {
        return inFlight.getOrDefault(revision, Map.of()).getOrDefault(instance, 0);
    }

    /** Requests in flight on the instance named {@code instanceId}, whatever its address. */
    public int inFlight(RevisionKey revision, String instanceId) {
        int total = 0;
        for (Map.Entry<Endpoint, Integer> entry : inFlight.getOrDefault(revision, Map.of()).entrySet()) {
            if (entry.getKey().instanceId().equals(instanceId)) {
                total += entry.getValue();
            }
        }
        return total;
    }
}
