package dev.wisp.serving.runtime.process;

import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceInfo.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One instance of a revision across its restarts: its current process, port, state and timers.
 * Not thread-safe by itself: the owning {@link RevisionInstances} guards it with its lock.
 */
final class InstanceProcess {

    private static final Set<State> ACTIVE = EnumSet.of(State.STARTING, State.READY, State.CRASHED);

    final String id;
    final long sequence;
    final Path logFile;
    /** Completes once the instance is stopped and its processes are gone. */
    final CompletableFuture<Void> gone = new CompletableFuture<>();

    Process process;
    int port;
    boolean portHeld;
    State state = State.STARTING;
    Instant startedAt;
    Instant readySince;
    int restarts;
    int consecutiveCrashes;
    Future<?> probe;
    Future<?> startupTimer;
    Future<?> restartTimer;

    InstanceProcess(String id, long sequence, Path logFile) {
        this.id = id;
        this.sequence = sequence;
        this.logFile = logFile;
    }

    /** Whether the instance counts towards the desired scale (it is not being stopped). */
    boolean isActive() {
        return ACTIVE.contains(state);
    }

    boolean isCurrent(Process candidate) {
        return process == candidate;
    }

    void cancelTimers() {
        cancel(probe);
        cancel(startupTimer);
        cancel(restartTimer);
        probe = null;
        startupTimer = null;
        restartTimer = null;
    }

    void releasePort(PortAllocator ports) {
        if (portHeld) {
            ports.release(port);
            portHeld = false;
        }
    }

    InstanceInfo info() {
        long pid = process != null && process.isAlive() ? process.pid() : -1;
        return new InstanceInfo(id, pid, port, state, startedAt, restarts);
    }

    ScaleDownOrder.Candidate candidate() {
        return new ScaleDownOrder.Candidate(id, state == State.READY, sequence);
    }

    private static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
