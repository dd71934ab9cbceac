package dev.wisp.serving.runtime.container;

import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.InstanceLifecycle;
import dev.wisp.serving.runtime.TrackedInstance;
import java.util.concurrent.CompletableFuture;

/**
 * One instance of a revision run as containers, across its restarts (each in a new container):
 * its lifecycle, the current attempt and that attempt's container. Guarded by the lock of the
 * owning revision's {@link dev.wisp.serving.runtime.RevisionInstanceSet}.
 */
final class ContainerInstance implements TrackedInstance {

    private final InstanceLifecycle lifecycle;
    /** Grows with every start and with the stop: callbacks of older attempts are ignored. */
    int attempt;
    /** The id of the current attempt's container, once the engine created it. */
    String containerId;
    /** Completes with the current attempt's container id (null if none was created) once its start settled. */
    CompletableFuture<String> settled = CompletableFuture.completedFuture(null);
    long pid = -1;

    ContainerInstance(InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public InstanceLifecycle lifecycle() {
        return lifecycle;
    }

    boolean isAttempt(int candidate) {
        return attempt == candidate;
    }

    @Override
    public InstanceInfo info() {
        State state = lifecycle.state();
        return lifecycle.info(state == State.STARTING || state == State.READY ? pid : -1);
    }
}
