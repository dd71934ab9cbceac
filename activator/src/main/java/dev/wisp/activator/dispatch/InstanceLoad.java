package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the requests the activator has in flight on each instance of one revision. A counter is
 * kept at zero when its instance goes idle (no allocation per request on a sequential client) and
 * idle counters are swept once they outnumber a threshold that grows with the map, so instances
 * that went away are forgotten in amortized constant time. Not thread-safe: its lane guards it.
 */
public final class InstanceLoad {

    private static final int MIN_SWEEP_SIZE = 16;

    /** A mutable count: taking and giving back a slot neither boxes nor allocates. */
    private static final class Count {
        int value;
    }

    private final Map<Endpoint, Count> counts = new HashMap<>();
    private int sweepAt = MIN_SWEEP_SIZE;

    /** Takes one slot on {@code instance}. */
    public void acquire(Endpoint instance) {
        Count count = counts.get(instance);
        if (count == null) {
            sweepIdleIfLarge();
            count = new Count();
            counts.put(instance, count);
        }
        count.value++;
    }

    /** Gives back one slot on {@code instance}; nothing when it held none. */
    public void release(Endpoint instance) {
        Count count = counts.get(instance);
        if (count != null && count.value > 0) {
            count.value--;
        }
    }

    /** Requests in flight on {@code instance}. */
    public int inFlight(Endpoint instance) {
        Count count = counts.get(instance);
        return count == null ? 0 : count.value;
    }

    /** Requests in flight on the instance named {@code instanceId}, whatever its address. */
    public int inFlight(String instanceId) {
        int total = 0;
        for (Map.Entry<Endpoint, Count> entry : counts.entrySet()) {
            if (entry.getKey().instanceId().equals(instanceId)) {
                total += entry.getValue().value;
            }
        }
        return total;
    }

    /** Instances with a counter, busy or idle (to check that idle ones are forgotten). */
    int tracked() {
        return counts.size();
    }

    private void sweepIdleIfLarge() {
        if (counts.size() < sweepAt) {
            return;
        }
        counts.values().removeIf(count -> count.value == 0);
        sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * counts.size());
    }
}
