package dev.wisp.serving.runtime.container;

import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.process.ScaleDownOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One instance of a revision across its restarts, each restart in a new container: the current
 * attempt, its container, port, state and timers. Guarded by the owning {@link ContainerRevision}'s lock.
 */
final class ContainerInstance {

    private static final Set<State> ACTIVE = EnumSet.of(State.STARTING, State.READY, State.CRASHED);

    final String id;
    final long sequence;
    final Path logFile;
    /** Completes once the instance is stopped and its container removed. */
    final CompletableFuture<Void> gone = new CompletableFuture<>();

    /** Grows with every start and with the stop: callbacks of older attempts are ignored. */
    int attempt;
    /** The id of the current attempt's container, once the engine created it. */
    String containerId;
    /** Completes with the current attempt's container id (null if none was created) once its start settled. */
    CompletableFuture<String> settled = CompletableFuture.completedFuture(null);
    int hostPort;
    long pid = -1;
    State state = State.STARTING;
    Instant startedAt;
    Instant readySince;
    int restarts;
    int consecutiveCrashes;
    Future<?> probe;
    Future<?> startupTimer;
    Future<?> restartTimer;

    ContainerInstance(String id, long sequence, Path logFile) {
        this.id = id;
        this.sequence = sequence;
        this.logFile = logFile;
    }

    boolean isActive() {
        return ACTIVE.contains(state);
    }

    boolean isAttempt(int candidate) {
        return attempt == candidate;
    }

    void cancelTimers() {
        for (Future<?> timer : new Future<?>[] {probe, startupTimer, restartTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        probe = null;
        startupTimer = null;
        restartTimer = null;
    }

    InstanceInfo info() {
        return new InstanceInfo(id, state == State.STARTING || state == State.READY ? pid : -1, hostPort, state,
                startedAt, restarts);
    }

    ScaleDownOrder.Candidate candidate() {
        return new ScaleDownOrder.Candidate(id, state == State.READY, sequence);
    }
}
