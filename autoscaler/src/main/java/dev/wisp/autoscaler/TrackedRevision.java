package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.autoscaler.decision.ScaleDecider;
import dev.wisp.autoscaler.decision.ScaleDecision;
import dev.wisp.autoscaler.metrics.ConcurrencyBuckets;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * One revision the autoscaler scales: its policy, traffic, last activity and last decision, and
 * the steps that turn a decision into a {@link ScaleTarget} call.
 *
 * <p>Decisions and target calls happen under this object's lock, so the target sees them in the
 * order they were made; pokes read the volatile {@code desired} first and only lock when the
 * revision is at zero.
 */
final class TrackedRevision {
    private static final Logger LOG = Logger.getLogger(Autoscaler.class);

    private final RevisionKey key;
    private final Instant trackedAt;
    private final ScaleDecider decider;
    private final ScaleTarget target;
    private final ConcurrencyBuckets buckets;
    private final AtomicReference<Instant> lastActivity = new AtomicReference<>();
    private volatile ScalingPolicy policy;
    private volatile int desired = -1;
    private boolean untracked; // guarded by this

    TrackedRevision(RevisionKey key, ScalingPolicy policy, Instant trackedAt, ScaleDecider decider, ScaleTarget target) {
        this.key = key;
        this.policy = policy;
        this.trackedAt = trackedAt;
        this.decider = decider;
        this.target = target;
        this.buckets = new ConcurrencyBuckets(policy.stableWindow());
    }

    RevisionKey key() {
        return key;
    }

    int desired() {
        return desired;
    }

    /** Applies the initial scale; a failing target fails the caller, and the revision is not tracked. */
    synchronized void applyInitialScale() {
        ScaleDecision initial = decider.initial(policy);
        target.setDesiredScale(key, initial.desired());
        desired = initial.desired();
        logChange(initial, -1);
    }

    void updatePolicy(ScalingPolicy newPolicy) {
        policy = newPolicy;
        buckets.resize(newPolicy.stableWindow());
    }

    /** Stops all further target calls; waits for a decision in progress to finish. */
    synchronized void untrack() {
        untracked = true;
    }

    void record(RevisionMetric metric) {
        if (!buckets.add(metric.at(), metric.averageConcurrency())) {
            LOG.debugf("revision=%s sample ignored reason=invalid-concurrency concurrency=%s", key,
                    metric.averageConcurrency());
            return;
        }
        if (metric.averageConcurrency() > 0 || metric.requests() > 0) {
            recordActivity(metric.at());
        }
    }

    /** A request is waiting: counts as activity now and wakes the revision if it is at zero. */
    void poke(Instant now) {
        recordActivity(now);
        if (desired != 0) {
            return;
        }
        synchronized (this) {
            if (untracked || desired != 0) {
                return;
            }
            ScaleDecision decision = decide(lastActivity.get(), now);
            if (decision.desired() > 0) {
                send(decision, 0);
            }
        }
    }

    synchronized void tick(Instant now) {
        if (untracked) {
            return;
        }
        int previous = desired;
        Instant activity = lastActivity.get();
        ScaleDecision decision = decide(activity, now);
        if (decision.desired() == previous) {
            return;
        }
        // Published before re-reading the activity: a poke that reads 0 takes the lock and waits for us,
        // a poke that read the previous value has already recorded its activity, which we then see.
        desired = decision.desired();
        if (decision.desired() == 0 && !Objects.equals(activity, lastActivity.get())) {
            desired = previous;
            return;
        }
        send(decision, previous);
    }

    private ScaleDecision decide(Instant activity, Instant now) {
        return decider.decide(policy, buckets.snapshot(), desired, activity, trackedAt, now);
    }

    private void send(ScaleDecision decision, int previous) {
        desired = decision.desired();
        try {
            target.setDesiredScale(key, decision.desired());
        } catch (RuntimeException e) {
            // Undone so that the next tick decides, and sends, again.
            desired = previous;
            LOG.errorf(e, "revision=%s desired=%d previous=%d scale failed", key, decision.desired(), previous);
            return;
        }
        logChange(decision, previous);
    }

    private void recordActivity(Instant at) {
        lastActivity.accumulateAndGet(at, (seen, next) -> seen == null || next.isAfter(seen) ? next : seen);
    }

    private void logChange(ScaleDecision decision, int previous) {
        LOG.infof("revision=%s desired=%d previous=%d reason=%s observed=%.2f", key, decision.desired(),
                previous, decision.reason(), decision.observedConcurrency());
    }
}
