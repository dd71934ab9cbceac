package dev.wisp.serving.runtime.process;

import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.InstanceLifecycle;
import dev.wisp.serving.runtime.TrackedInstance;

/**
 * One instance of a revision run as a process, across its restarts: its lifecycle and its
 * current process and port. Not thread-safe by itself: the owning revision's
 * {@link dev.wisp.serving.runtime.RevisionInstanceSet} guards it with its lock.
 */
final class InstanceProcess implements TrackedInstance {

    private final InstanceLifecycle lifecycle;
    Process process;
    boolean portHeld;

    InstanceProcess(InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public InstanceLifecycle lifecycle() {
        return lifecycle;
    }

    boolean isCurrent(Process candidate) {
        return process == candidate;
    }

    /** Whether no process of the instance runs, so that a restart may launch one. */
    boolean runsNoProcess() {
        return process == null || !process.isAlive();
    }

    void releasePort(PortAllocator ports) {
        if (portHeld) {
            ports.release(lifecycle.port());
            portHeld = false;
        }
    }

    @Override
    public InstanceInfo info() {
        return lifecycle.info(process != null && process.isAlive() ? process.pid() : -1);
    }
}
