package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.dataplane.RevisionKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory scale target that records every call, and can be told to fail for some revisions. */
final class RecordingScaleTarget implements ScaleTarget {

    /** One {@code setDesiredScale} call and the thread it came on. */
    record Call(RevisionKey revision, int desired, String thread, boolean daemon) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<RevisionKey> failing = ConcurrentHashMap.newKeySet();
    private final java.util.Map<RevisionKey, Integer> ready = new ConcurrentHashMap<>();

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        if (failing.contains(revision)) {
            throw new IllegalStateException("runtime unavailable for " + revision);
        }
        Thread thread = Thread.currentThread();
        calls.add(new Call(revision, desired, thread.getName(), thread.isDaemon()));
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        return ready.getOrDefault(revision, 0);
    }

    /** Sets the ready instances the autoscaler sees for a revision. */
    void ready(RevisionKey revision, int instances) {
        ready.put(revision, instances);
    }

    void failFor(RevisionKey revision) {
        failing.add(revision);
    }

    void recover(RevisionKey revision) {
        failing.remove(revision);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The desired scales sent for one revision, in order. */
    List<Integer> scales(RevisionKey revision) {
        return calls.stream().filter(c -> c.revision().equals(revision)).map(Call::desired).toList();
    }
}
