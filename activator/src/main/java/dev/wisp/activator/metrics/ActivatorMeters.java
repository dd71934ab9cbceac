package dev.wisp.activator.metrics;

import dev.wisp.api.dataplane.RevisionKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The activator's Micrometer meters, per revision: requests by status class, request latency (a
 * histogram), requests waiting in the queue, and the time requests waited for a cold start.
 * Meters are created once per revision and cached, so recording costs no registry lookup.
 */
public final class ActivatorMeters {

    static final String REQUESTS = "wisp.activator.requests";
    static final String LATENCY = "wisp.activator.request.duration";
    static final String QUEUE_DEPTH = "wisp.activator.queue.depth";
    static final String COLD_START_WAIT = "wisp.activator.cold.start.wait";
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final Map<RevisionKey, RevisionMeters> byRevision = new ConcurrentHashMap<>();
    /** The meters used last, looked up without hashing when the next request is for the same revision. */
    private volatile Recent recent;

    public ActivatorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request for {@code revision} was answered with {@code status} after {@code nanos}. */
    public void responded(RevisionKey revision, int status, long nanos) {
        RevisionMeters meters = of(revision);
        int statusClass = Math.min(5, Math.max(1, status / 100));
        meters.requests[statusClass - 1].increment();
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request that arrived while {@code revision} had no instance waited {@code nanos} for one. */
    public void coldStartWaited(RevisionKey revision, long nanos) {
        of(revision).coldStartWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Reports the depth of {@code revision}'s wait queue as read by {@code depth} from {@code source}. */
    public <T> void watchQueue(RevisionKey revision, T source, ToIntFunction<T> depth) {
        Gauge.builder(QUEUE_DEPTH, source, s -> depth.applyAsInt(s))
                .description("Requests waiting in the activator for an instance of the revision")
                .tags("namespace", revision.namespace(), "revision", revision.name())
                .strongReference(true)
                .register(registry);
    }

    private RevisionMeters of(RevisionKey revision) {
        Recent last = recent;
        if (last != null && last.key() == revision) {
            return last.meters(); // the usual case: requests for one revision keep coming (same key object)
        }
        RevisionMeters meters = byRevision.get(revision);
        meters = meters != null ? meters : byRevision.computeIfAbsent(revision, this::create);
        recent = new Recent(revision, meters);
        return meters;
    }

    private RevisionMeters create(RevisionKey revision) {
        Counter[] requests = new Counter[STATUS_CLASSES.length];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = Counter.builder(REQUESTS)
                    .description("Requests the activator answered, by revision and status class")
                    .tags("namespace", revision.namespace(), "revision", revision.name(),
                            "status_class", STATUS_CLASSES[i])
                    .register(registry);
        }
        Timer latency = Timer.builder(LATENCY)
                .description("Time from a request's arrival at the activator to its answer, waiting included")
                .tags("namespace", revision.namespace(), "revision", revision.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Timer coldStartWait = Timer.builder(COLD_START_WAIT)
                .description("Time requests waited for an instance of a revision that had none when they arrived")
                .tags("namespace", revision.namespace(), "revision", revision.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        return new RevisionMeters(requests, latency, coldStartWait);
    }

    private record RevisionMeters(Counter[] requests, Timer latency, Timer coldStartWait) {
    }

    /** The key object looked up last and its meters. */
    private record Recent(RevisionKey key, RevisionMeters meters) {
    }
}
