package dev.wisp.autoscaler.decision;

import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.autoscaler.scaling.ScaleResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What Knative's KPA reconciler does with a decider's result before it touches the scale target:
 * min/max bounds (initial scale counting as a minimum until it was reached), and scale to zero only
 * once the revision was active for a stable window, then inactive (the activator holding its
 * traffic) for the larger of the grace period and the pod retention period. Tracks the revision's
 * {@link Activity} from the ready instances as Knative's {@code computeActiveCondition}.
 *
 * <p>Not thread-safe; time is a parameter. Knative's activation timeout (a revision that never
 * gets ready scales to zero after the progress deadline) is not implemented.
 */
public final class ScaleToZeroGate {
    private ScalingPolicy policy;
    private final boolean enableScaleToZero;
    private Activity activity = Activity.ACTIVATING;
    private Instant since;
    private boolean initialized;

    /** The gate of a revision tracked at {@code now}, starting to activate as a new PodAutoscaler does. */
    public ScaleToZeroGate(ScalingPolicy policy, boolean enableScaleToZero, Instant now) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.enableScaleToZero = enableScaleToZero;
        this.since = now;
    }

    /** Replaces the policy (annotations or defaults changed). */
    public void update(ScalingPolicy newPolicy) {
        policy = Objects.requireNonNull(newPolicy, "policy");
    }

    /** The revision's activity after the last decision. */
    public Activity activity() {
        return activity;
    }

    /**
     * The scale to set now.
     *
     * @param result  the KPA decision (an invalid one keeps the current scale)
     * @param current the scale set last
     * @param ready   the instances ready now
     */
    public int decide(ScaleResult result, int current, int ready, Instant now) {
        int minReady = minReady();
        if (ready >= minReady) {
            initialized = true;
        }
        int want = result.scaleValid() ? result.desiredPodCount() : -1;
        int applied = current;
        if (want >= 0 || activity == Activity.ACTIVATING) {
            int min = policy.minScale();
            if (policy.initialScale() > 1 && !initialized) {
                min = Math.max(policy.initialScale(), min);
            }
            Gated gated = handleScaleToZero(new ScaleBounds(min, policy.maxScale()).clamp(want), now);
            want = gated.scale();
            applied = gated.apply() ? gated.scale() : current;
        }
        updateActivity(want, ready, minReady, now);
        return applied;
    }

    private record Gated(int scale, boolean apply) {
    }

    private Gated handleScaleToZero(int desired, Instant now) {
        if (desired != 0) {
            return new Gated(desired, true);
        }
        if (!enableScaleToZero) {
            return new Gated(1, true);
        }
        Duration elapsed = Duration.between(since, now);
        return switch (activity) {
            case ACTIVATING -> new Gated(-1, false);
            // Active for a stable window: mark inactive (the activator takes the traffic); else keep one.
            case ACTIVE -> elapsed.compareTo(policy.stableWindow()) >= 0 ? new Gated(0, false) : new Gated(1, true);
            case INACTIVE -> new Gated(0, elapsed.compareTo(inactiveBeforeZero()) >= 0);
        };
    }

    private Duration inactiveBeforeZero() {
        Duration grace = policy.scaleToZeroGracePeriod();
        Duration retention = policy.scaleToZeroPodRetentionPeriod();
        return retention.compareTo(grace) > 0 ? retention : grace;
    }

    private int minReady() {
        return initialized ? Math.max(policy.minScale(), 1) : Math.max(policy.minScale(), policy.initialScale());
    }

    private void updateActivity(int want, int ready, int minReady, Instant now) {
        if (want == 0 || minReady == 0) {
            moveTo(Activity.INACTIVE, now);
        } else if (want > 0 || activity != Activity.INACTIVE) {
            moveTo(ready < minReady ? Activity.ACTIVATING : Activity.ACTIVE, now);
        }
    }

    private void moveTo(Activity next, Instant now) {
        if (activity != next) {
            activity = next;
            since = now;
        }
    }
}
