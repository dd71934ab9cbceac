package dev.wisp.activator.kubernetes;

import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.ServingDefaults;
import java.time.Duration;
import java.util.List;

/**
 * Reads what the activator needs from a Revision's spec, with Knative's defaults where a field is
 * unset: {@code containerConcurrency} (0 = unlimited), {@code timeoutSeconds} (300),
 * {@code responseStartTimeoutSeconds} and {@code idleTimeoutSeconds} (0 = no limit). Pure.
 */
public final class RevisionSettings {

    private RevisionSettings() {
    }

    /** The revision's key. */
    public static RevisionKey key(Revision revision) {
        return new RevisionKey(revision.getMetadata().getNamespace(), revision.getMetadata().getName());
    }

    /** The revision as a known one with its limits and no ready instance yet. */
    public static RevisionEndpoints of(Revision revision) {
        RevisionSpec spec = revision.getSpec();
        long concurrency = orDefault(spec == null ? null : spec.getContainerConcurrency(),
                ServingDefaults.DEFAULT_CONTAINER_CONCURRENCY);
        long timeout = orDefault(spec == null ? null : spec.getTimeoutSeconds(), ServingDefaults.DEFAULT_TIMEOUT_SECONDS);
        long responseStart = orDefault(spec == null ? null : spec.getResponseStartTimeoutSeconds(), 0);
        long idle = orDefault(spec == null ? null : spec.getIdleTimeoutSeconds(), 0);
        return new RevisionEndpoints(key(revision), true, (int) Math.max(0, concurrency), Duration.ofSeconds(timeout),
                Duration.ofSeconds(responseStart), Duration.ofSeconds(idle), List.of());
    }

    private static long orDefault(Long value, long fallback) {
        return value == null || value < 0 ? fallback : value;
    }
}
