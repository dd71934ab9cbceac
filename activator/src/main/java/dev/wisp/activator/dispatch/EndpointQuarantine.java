package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers instances that just refused a connection so requests are not sent straight back to
 * them; an instance is usable again once its quarantine has passed.
 */
public final class EndpointQuarantine {

    private final Duration length;
    private final Map<Endpoint, Instant> until = new HashMap<>();

    public EndpointQuarantine(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** Quarantines {@code instance} from {@code now} on. */
    public void add(Endpoint instance, Instant now) {
        until.put(instance, now.plus(length));
    }

    /** Whether {@code instance} is still quarantined at {@code now}. */
    public boolean contains(Endpoint instance, Instant now) {
        Instant end = until.get(instance);
        if (end == null) {
            return false;
        }
        if (!now.isBefore(end)) {
            until.remove(instance);
            return false;
        }
        return true;
    }
}
