package dev.wisp.api.dataplane;

import java.time.Duration;
import java.util.List;

/**
 * What the activator needs to know about one revision: whether it exists, its per-instance
 * concurrency limit (0 = unlimited), its request timeout, how long an instance may take to start
 * responding and to stay silent (Knative's responseStartTimeoutSeconds and idleTimeoutSeconds;
 * zero = no limit), and its ready instances.
 */
public record RevisionEndpoints(RevisionKey revision, boolean known, int containerConcurrency,
                                Duration timeout, Duration responseStartTimeout, Duration idleTimeout,
                                List<Endpoint> ready) {
    public RevisionEndpoints {
        ready = List.copyOf(ready);
    }

    /** A revision without response-start and idle limits. */
    public RevisionEndpoints(RevisionKey revision, boolean known, int containerConcurrency, Duration timeout,
                             List<Endpoint> ready) {
        this(revision, known, containerConcurrency, timeout, Duration.ZERO, Duration.ZERO, ready);
    }

    /** The answer for a revision the runtime does not run. */
    public static RevisionEndpoints unknown(RevisionKey revision) {
        return new RevisionEndpoints(revision, false, 0, Duration.ZERO, List.of());
    }

    /** The same revision with {@code newReady} as its ready instances. */
    public RevisionEndpoints withReady(List<Endpoint> newReady) {
        return new RevisionEndpoints(revision, known, containerConcurrency, timeout, responseStartTimeout,
                idleTimeout, newReady);
    }
}
