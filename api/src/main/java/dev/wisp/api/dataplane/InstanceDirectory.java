package dev.wisp.api.dataplane;

import java.util.function.Consumer;

/**
 * Where the activator finds the ready instances of a revision; the workload runtime implements it.
 */
public interface InstanceDirectory {

    /** The revision's settings and ready instances; {@link RevisionEndpoints#unknown} when not run here. */
    RevisionEndpoints endpoints(RevisionKey revision);

    /** Registers a listener called (on any thread) whenever the ready instances of a revision change. */
    void subscribe(Consumer<RevisionKey> listener);
}
