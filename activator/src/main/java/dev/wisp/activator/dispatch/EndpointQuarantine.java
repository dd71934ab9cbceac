package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers instances that just refused a connection so requests are not sent straight back to
 * them; an instance is usable again once its quarantine has passed. Thread-safe: the revisions'
 * dispatch lanes share it.
 */
public final class EndpointQuarantine {

    private final Duration length;
    private final Map<Endpoint, Instant> until = new ConcurrentHashMap<>();

    public EndpointQuarantine(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** Whether no instance is quarantined (the common case, checked without reading the clock). */
    public boolean isEmpty() {
        return until.isEmpty();
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
            until.remove(instance, end);
            return false;
        }
        return true;
    }
}
