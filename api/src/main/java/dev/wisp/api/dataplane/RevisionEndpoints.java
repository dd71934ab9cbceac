package dev.wisp.api.dataplane;

import java.time.Duration;
import java.util.List;

/**
 * What the activator needs to know about one revision: whether it exists, its per-instance
 * concurrency limit (0 = unlimited), its request timeout, and its ready instances.
 */
public record RevisionEndpoints(RevisionKey revision, boolean known, int containerConcurrency,
                                Duration timeout, List<Endpoint> ready) {
    public RevisionEndpoints {
        ready = List.copyOf(ready);
    }

    /** The answer for a revision the runtime does not run. */
    public static RevisionEndpoints unknown(RevisionKey revision) {
        return new RevisionEndpoints(revision, false, 0, Duration.ZERO, List.of());
    }
}
