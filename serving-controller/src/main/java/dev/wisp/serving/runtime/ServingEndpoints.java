package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import java.time.Duration;
import java.util.List;

/**
 * Builds what the data plane needs to serve a revision from its spec and its ready instances:
 * container concurrency and the request, response-start and idle timeouts (Knative's defaults
 * when unset). Shared by the workload runtimes.
 */
public final class ServingEndpoints {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    private ServingEndpoints() {
    }

    /** The endpoints of {@code revision}, whose ready instances are {@code ready}. */
    public static RevisionEndpoints of(RevisionKey key, Revision revision, List<Endpoint> ready) {
        RevisionSpec spec = revision.getSpec();
        Long concurrency = spec == null ? null : spec.getContainerConcurrency();
        Long timeout = spec == null ? null : spec.getTimeoutSeconds();
        Long responseStart = spec == null ? null : spec.getResponseStartTimeoutSeconds();
        Long idle = spec == null ? null : spec.getIdleTimeoutSeconds();
        return new RevisionEndpoints(key, true, concurrency == null ? 0 : concurrency.intValue(),
                timeout == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(timeout),
                responseStart == null ? Duration.ZERO : Duration.ofSeconds(responseStart),
                idle == null ? Duration.ZERO : Duration.ofSeconds(idle), ready);
    }
}
