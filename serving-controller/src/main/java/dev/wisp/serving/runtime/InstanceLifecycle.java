package dev.wisp.serving.runtime;

import dev.wisp.serving.runtime.InstanceInfo.State;
import dev.wisp.serving.runtime.process.ScaleDownOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Tracks one instance of a revision across its restarts, whatever runs it: its state, port,
 * start and ready times, restart counts and the timers pending on it. Not thread-safe by itself:
 * the owning {@link RevisionInstanceSet} guards it with its lock, and moves it between states.
 */
public final class InstanceLifecycle {

    private static final Set<State> ACTIVE = EnumSet.of(State.STARTING, State.READY, State.CRASHED);

    private final String id;
    private final long sequence;
    private final Path logFile;
    /** Completes once the instance is stopped and what ran it is gone. */
    final CompletableFuture<Void> gone = new CompletableFuture<>();

    State state = State.STARTING;
    int port;
    Instant startedAt;
    Instant readySince;
    int restarts;
    int consecutiveCrashes;
    Future<?> probe;
    Future<?> startupTimer;
    Future<?> restartTimer;

    InstanceLifecycle(String id, long sequence, Path logFile) {
        this.id = id;
        this.sequence = sequence;
        this.logFile = logFile;
    }

    public String id() {
        return id;
    }

    /** The file the instance's output goes to, across its restarts. */
    public Path logFile() {
        return logFile;
    }

    public State state() {
        return state;
    }

    /** The 127.0.0.1 port the current run of the instance listens on. */
    public int port() {
        return port;
    }

    /** Records the port the current run listens on (before it is probed). */
    public void listensOn(int port) {
        this.port = port;
    }

    /** How often the instance was started again after a crash. */
    public int restarts() {
        return restarts;
    }

    /** Whether the instance counts towards the desired scale (it is not being stopped). */
    public boolean isActive() {
        return ACTIVE.contains(state);
    }

    /** The instance as {@code wisp describe} lists it, with the pid its runtime reports. */
    public InstanceInfo info(long pid) {
        return new InstanceInfo(id, pid, port, state, startedAt, restarts);
    }

    ScaleDownOrder.Candidate candidate() {
        return new ScaleDownOrder.Candidate(id, state == State.READY, sequence);
    }

    void cancelTimers() {
        cancel(probe);
        cancel(startupTimer);
        cancel(restartTimer);
        probe = null;
        startupTimer = null;
        restartTimer = null;
    }

    private static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
