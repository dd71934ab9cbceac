package dev.wisp.autoscaler.decision;

import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.autoscaler.metrics.RevisionWindow;
import java.time.Instant;

/**
 * The minimal scale decision of standalone Wisp: Knative's stable-window concurrency average
 * divided by the per-instance target, with scale to zero after the window plus the grace period,
 * and no panic mode.
 *
 * <ul>
 *   <li>traffic: {@code ceil(observed / target)} when the window's average concurrency is above 0;</li>
 *   <li>no traffic and min-scale 0: zero once nothing happened for {@code stableWindow +
 *       scaleToZeroGracePeriod} (counted from tracking if nothing ever happened); until then a
 *       revision that saw activity keeps one instance (as Knative's KPA: at most one during the
 *       idle period, and one when woken at zero) and a revision that never saw any keeps its
 *       initial scale (so {@code initial-scale: 0} stays at zero until poked);</li>
 *   <li>the result is clamped to {@code [minScale, maxScale]}.</li>
 * </ul>
 */
public final class MinimalScaleDecider implements ScaleDecider {

    @Override
    public ScaleDecision initial(ScalingPolicy policy) {
        return new ScaleDecision(ScaleBounds.of(policy).clamp(policy.initialScale()), ScaleReason.INITIAL, 0);
    }

    @Override
    public ScaleDecision decide(ScalingPolicy policy, RevisionWindow window, int currentDesired,
                                Instant lastActivity, Instant trackedAt, Instant now) {
        double observed = window.averageConcurrency(policy.stableWindow(), trackedAt, now);
        int wanted = (int) Math.min(Integer.MAX_VALUE, Math.ceil(observed / policy.target()));
        ScaleDecision unbounded = wanted > 0
                ? new ScaleDecision(wanted, fromZero(currentDesired, ScaleReason.TRAFFIC), observed)
                : withoutTraffic(policy, currentDesired, lastActivity, trackedAt, now, observed);
        int bounded = ScaleBounds.of(policy).clamp(unbounded.desired());
        return bounded == unbounded.desired()
                ? unbounded
                : new ScaleDecision(bounded, ScaleReason.BOUNDS, observed);
    }

    private static ScaleDecision withoutTraffic(ScalingPolicy policy, int currentDesired, Instant lastActivity,
                                                Instant trackedAt, Instant now, double observed) {
        if (policy.minScale() > 0) {
            // Clamping raises this to min-scale.
            return new ScaleDecision(0, ScaleReason.IDLE, observed);
        }
        Instant idleSince = lastActivity != null && lastActivity.isAfter(trackedAt) ? lastActivity : trackedAt;
        Instant zeroAt = idleSince.plus(policy.stableWindow()).plus(policy.scaleToZeroGracePeriod());
        if (!now.isBefore(zeroAt)) {
            return new ScaleDecision(0, ScaleReason.IDLE, observed);
        }
        if (lastActivity == null) {
            return new ScaleDecision(currentDesired, ScaleReason.INITIAL, observed);
        }
        return new ScaleDecision(1, fromZero(currentDesired, ScaleReason.IDLE), observed);
    }

    private static ScaleReason fromZero(int currentDesired, ScaleReason otherwise) {
        return currentDesired == 0 ? ScaleReason.ACTIVATION : otherwise;
    }
}
