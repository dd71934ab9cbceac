package dev.wisp.serving.controller;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AutoscalerControl} that records what it is told and, like the real one at creation,
 * asks the runtime for the initial scale (at least 1) of each newly tracked revision.
 */
final class RecordingAutoscaler implements AutoscalerControl {
    final Map<RevisionKey, ScalingPolicy> tracked = new ConcurrentHashMap<>();
    final Set<RevisionKey> untracked = ConcurrentHashMap.newKeySet();
    private final Map<RevisionKey, Integer> desired = new ConcurrentHashMap<>();
    private final ScaleTarget target;

    RecordingAutoscaler(ScaleTarget target) {
        this.target = target;
    }

    @Override
    public void track(RevisionKey revision, ScalingPolicy policy) {
        tracked.put(revision, policy);
        if (desired.putIfAbsent(revision, Math.max(1, policy.initialScale())) == null) {
            target.setDesiredScale(revision, desired.get(revision));
        }
    }

    @Override
    public void untrack(RevisionKey revision) {
        if (tracked.remove(revision) != null) {
            untracked.add(revision);
        }
        desired.remove(revision);
    }

    @Override
    public int desiredScale(RevisionKey revision) {
        return desired.getOrDefault(revision, -1);
    }
}
