package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.RevisionKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a state change under a revision's lock must announce once the lock is released: listener
 * calls, then actions that must follow them (stopping a process only after subscribers have
 * stopped routing to it).
 */
public final class PendingChanges {

    private boolean endpoints;
    private boolean health;
    private final List<Runnable> afterPublish = new ArrayList<>();

    public void endpointsChanged() {
        endpoints = true;
        health = true;
    }

    public void healthChanged() {
        health = true;
    }

    public void afterPublish(Runnable action) {
        afterPublish.add(action);
    }

    /** Calls the listeners, then runs the deferred actions; the caller must not hold a lock. */
    public void publish(RevisionKey revision, RuntimeListeners listeners) {
        if (endpoints) {
            listeners.endpointsChanged(revision);
        }
        if (health) {
            listeners.healthChanged(revision);
        }
        afterPublish.forEach(Runnable::run);
    }
}
