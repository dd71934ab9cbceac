package dev.wisp.serving.runtime;

/**
 * One runtime's instance as a {@link RevisionInstanceSet} sees it: the lifecycle it shares with
 * every runtime, and how {@code wisp describe} lists it.
 */
public interface TrackedInstance {

    InstanceLifecycle lifecycle();

    default String id() {
        return lifecycle().id();
    }

    /** The instance for {@code wisp describe}; called under the owning set's lock. */
    InstanceInfo info();
}
