package dev.wisp.serving.runtime;

import java.time.Instant;

/** One instance of a revision, as {@code wisp describe} lists it. */
public record InstanceInfo(String id, long pid, int port, State state, Instant startedAt, int restarts) {
    /** Lifecycle of an instance. */
    public enum State { STARTING, READY, DRAINING, STOPPED, CRASHED }
}
