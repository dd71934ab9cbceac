package dev.wisp.serving.runtime;

import java.util.Optional;

/**
 * A revision's health as the runtime sees it.
 *
 * @param registered  whether the runtime knows the revision
 * @param desired     the instances asked for
 * @param ready       the instances ready now
 * @param everReady   whether any instance has ever become ready (the revision can serve)
 * @param lastFailure the most recent failure not yet followed by a ready instance
 */
public record RevisionHealth(boolean registered, int desired, int ready, boolean everReady,
                             Optional<InstanceFailure> lastFailure) {

    public static RevisionHealth unregistered() {
        return new RevisionHealth(false, 0, 0, false, Optional.empty());
    }
}
