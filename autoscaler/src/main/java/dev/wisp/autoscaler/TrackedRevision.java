package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.autoscaler.decision.ScaleBounds;
import dev.wisp.autoscaler.decision.ScaleToZeroGate;
import dev.wisp.autoscaler.metrics.Observation;
import dev.wisp.autoscaler.metrics.RevisionMetrics;
import dev.wisp.autoscaler.scaling.KpaScaler;
import dev.wisp.autoscaler.scaling.ScaleResult;
import dev.wisp.autoscaler.scaling.ScalingSpec;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One revision the autoscaler scales: its metric windows, its {@link KpaScaler}, its
 * {@link ScaleToZeroGate}, and the steps that turn a decision into a {@link ScaleTarget} call.
 *
 * <p>Decisions and target calls happen under this object's lock, so the target sees them in the
 * order they were made; pokes read the volatile {@code desired} first and only lock at zero.
 */
final class TrackedRevision {
    private static final Logger LOG = Logger.getLogger(Autoscaler.class);

    private final RevisionKey key;
    private final ScaleTarget target;
    private final RevisionMetrics metrics;
    private final KpaScaler scaler;
    private final ScaleToZeroGate gate;
    private final AtomicLong pokes = new AtomicLong();
    private volatile ScalingPolicy policy;
    private volatile int desired = -1;
    private volatile RevisionScaling status;
    private boolean untracked; // guarded by this

    TrackedRevision(RevisionKey key, ScalingPolicy policy, Instant now, ScaleTarget target) {
        this.key = key;
        this.policy = policy;
        this.target = target;
        this.metrics = new RevisionMetrics(policy.stableWindow(), policy.panicWindow());
        this.scaler = new KpaScaler(spec(policy), Math.max(0, target.readyInstances(key)), now);
        // Resolution raises min-scale to 1 when scale to zero is disabled, so the gate may always allow it.
        this.gate = new ScaleToZeroGate(policy, true, now);
    }

    static ScalingSpec spec(ScalingPolicy p) {
        return new ScalingSpec(p.target(), p.totalValue(), p.targetBurstCapacity(), p.panicThreshold(),
                p.maxScaleUpRate(), p.maxScaleDownRate(), p.stableWindow(), p.scaleDownDelay(), p.activationScale());
    }

    RevisionKey key() {
        return key;
    }

    int desired() {
        return desired;
    }

    RevisionScaling status() {
        return status;
    }

    /** Applies the initial scale; a failing target fails the caller, and the revision is not tracked. */
    synchronized void applyInitialScale() {
        int initial = new ScaleBounds(policy.minScale(), policy.maxScale()).clamp(policy.initialScale());
        target.setDesiredScale(key, initial);
        desired = initial;
        status = new RevisionScaling(initial, 0, scaler.inPanic(), policy.metric(), Double.NaN, Double.NaN,
                policy.target(), 0, gate.activity().label());
        LOG.infof("revision=%s desired=%d previous=-1 reason=initial", key, initial);
    }

    synchronized void updatePolicy(ScalingPolicy newPolicy) {
        policy = newPolicy;
        metrics.resize(newPolicy.stableWindow(), newPolicy.panicWindow());
        scaler.update(spec(newPolicy));
        gate.update(newPolicy);
    }

    /** Stops all further target calls; waits for a decision in progress to finish. */
    synchronized void untrack() {
        untracked = true;
    }

    void record(RevisionMetric metric) {
        if (!metrics.record(metric)) {
            LOG.debugf("revision=%s sample ignored reason=invalid concurrency=%s requests=%d", key,
                    metric.averageConcurrency(), metric.requests());
        }
    }

    /** A request waits for a revision at zero: record it as Knative's activator does and decide now. */
    void poke(Instant now) {
        pokes.incrementAndGet();
        if (desired != 0) {
            return;
        }
        synchronized (this) {
            if (untracked || desired != 0) {
                return;
            }
            metrics.recordActivation(now);
            decideAndSend(now, Math.max(0, target.readyInstances(key)), pokes.get());
        }
    }

    synchronized void tick(Instant now) {
        if (untracked) {
            return;
        }
        long pokesSeen = pokes.get();
        int ready = Math.max(0, target.readyInstances(key));
        if (ready > 0) {
            // Knative scrapes ready instances every second: an idle second is a 0, not a gap.
            metrics.recordIdle(now.minusSeconds(1));
        }
        decideAndSend(now, ready, pokesSeen);
    }

    private void decideAndSend(Instant now, int ready, long pokesSeen) {
        Observation observed = metrics.observe(policy.metric(), now);
        ScaleResult result = scaler.scale(ready, observed.stable(), observed.panic(), true, now);
        int previous = desired;
        int next = gate.decide(result, previous, ready, now);
        status = new RevisionScaling(next, ready, scaler.inPanic(), policy.metric(), observed.stable(), observed.panic(),
                policy.target(), result.excessBurstCapacity(), gate.activity().label());
        if (next == previous) {
            return;
        }
        if (next == 0) {
            // Published before re-reading the pokes: a poke that reads 0 takes the lock and waits for us,
            // a poke that read the previous value has already counted itself, which we then see.
            desired = 0;
            if (pokes.get() != pokesSeen) {
                desired = previous;
                return;
            }
        }
        send(next, previous, observed);
    }

    private void send(int next, int previous, Observation observed) {
        desired = next;
        try {
            target.setDesiredScale(key, next);
        } catch (RuntimeException e) {
            // Undone so that the next tick decides, and sends, again.
            desired = previous;
            LOG.errorf(e, "revision=%s desired=%d previous=%d scale failed", key, next, previous);
            return;
        }
        LOG.infof("revision=%s desired=%d previous=%d mode=%s activity=%s %s stable=%.3f panic=%.3f target=%.3f",
                key, next, previous, scaler.inPanic() ? "panic" : "stable", gate.activity().label(),
                policy.metric().value(), observed.stable(), observed.panic(), policy.target());
    }
}
