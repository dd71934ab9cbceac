package dev.wisp.autoscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Knative's Pod Autoscaler decision for one revision, decision for decision as
 * {@code pkg/autoscaler/scaling/autoscaler.go}: the stable and panic demands divided by the
 * target, clamped by the scale-up and scale-down rates, activation scale, panic mode (entered when
 * the panic demand reaches the threshold times the ready instances; no scale-down while in it; left
 * a full stable window after the threshold was last crossed), the scale-down delay (not applied to
 * an unreachable revision), and the excess burst capacity. Ported test cases: KpaScalerTest.
 *
 * <p>Not thread-safe: one revision's decisions are made one at a time. Time is a parameter.
 */
public final class KpaScaler {
    /** Knative's decision interval, the granularity of the scale-down delay window. */
    public static final Duration TICK = Duration.ofSeconds(2);

    private ScalingSpec spec;
    private Instant panicTime; // null when not in panic mode
    private int maxPanicPods;
    private MaxTimeWindow delayWindow;

    /** Starts in panic when initialReadyPods > 1, as Knative does. */
    public KpaScaler(ScalingSpec spec, int initialReadyPods, Instant now) {
        this.spec = Objects.requireNonNull(spec, "spec");
        // Metric history is lost on a restart: keep at least the current scale until enough data is seen.
        int ready = Math.max(0, initialReadyPods);
        this.panicTime = ready > 1 ? now : null;
        this.maxPanicPods = ready;
        this.delayWindow = delayWindowFor(spec);
    }

    /** Replaces the spec (an annotation or default changed); panic state is kept. */
    public void update(ScalingSpec newSpec) {
        Duration oldDelay = spec.scaleDownDelay();
        spec = Objects.requireNonNull(newSpec, "spec");
        if (!Objects.equals(oldDelay, newSpec.scaleDownDelay())) {
            delayWindow = delayWindowFor(newSpec);
        }
    }

    /** The spec decisions are made with. */
    public ScalingSpec spec() {
        return spec;
    }

    /** Whether the last decision was made in panic mode. */
    public boolean inPanic() {
        return panicTime != null;
    }

    /**
     * Decides the desired instances now.
     *
     * @param readyPods           instances ready now; negative when unknown (the result is then invalid)
     * @param observedStableValue the metric averaged over the stable window; NaN when there is no data
     * @param observedPanicValue  the metric averaged over the panic window; NaN when there is no data
     * @param reachable           whether a route sends traffic to the revision (else it may drop at once)
     */
    public ScaleResult scale(int readyPods, double observedStableValue, double observedPanicValue, boolean reachable,
                             Instant now) {
        if (readyPods < 0 || Double.isNaN(observedStableValue) || Double.isNaN(observedPanicValue)) {
            return ScaleResult.INVALID;
        }
        double readyPodsCount = Math.max(1, readyPods);
        // Grow by at least one instance even with a conservative rate (ceil), shrink by the opposite math.
        double maxScaleUp = Math.ceil(spec.maxScaleUpRate() * readyPodsCount);
        double maxScaleDown = reachable ? Math.floor(readyPodsCount / spec.maxScaleDownRate()) : 0;
        double dspc = Math.ceil(observedStableValue / spec.targetValue());
        double dppc = Math.ceil(observedPanicValue / spec.targetValue());
        int desiredStable = (int) Math.min(Math.max(dspc, maxScaleDown), maxScaleUp);
        int desiredPanic = (int) Math.min(Math.max(dppc, maxScaleDown), maxScaleUp);
        if (spec.activationScale() > 1) {
            if (dspc > 0 && spec.activationScale() > desiredStable) {
                desiredStable = spec.activationScale();
            }
            if (dppc > 0 && spec.activationScale() > desiredPanic) {
                desiredPanic = spec.activationScale();
            }
        }
        updatePanicState(dppc / readyPodsCount >= spec.panicThreshold(), now);
        int desired = inPanic() ? panicDesired(desiredStable, desiredPanic) : desiredStable;
        if (delayWindow != null) {
            delayWindow.record(now, desired);
            // An unreachable revision gets no traffic: its scale-down is not delayed (Knative's newer behaviour).
            if (reachable) {
                desired = delayWindow.current();
            }
        }
        return new ScaleResult(desired, excessBurstCapacity(readyPods, observedPanicValue), true);
    }

    private void updatePanicState(boolean overThreshold, Instant now) {
        if (overThreshold) {
            // Enter panic, or extend it while the threshold is still crossed.
            panicTime = now;
        } else if (panicTime != null && panicTime.plus(spec.stableWindow()).isBefore(now)) {
            // The surge has made its way into the stable window.
            panicTime = null;
            maxPanicPods = 0;
        }
    }

    private int panicDesired(int desiredStable, int desiredPanic) {
        // The stable demand can exceed the panic one; provision for the larger, and never scale down.
        int desired = Math.max(desiredStable, desiredPanic);
        if (desired > maxPanicPods) {
            maxPanicPods = desired;
        }
        return maxPanicPods;
    }

    private int excessBurstCapacity(int readyPods, double observedPanicValue) {
        double tbc = spec.targetBurstCapacity();
        if (tbc == 0) {
            return 0;
        }
        if (tbc < 0) {
            return -1;
        }
        double totalCapacity = readyPods * spec.totalValue();
        return (int) Math.floor(totalCapacity - tbc - observedPanicValue);
    }

    private static MaxTimeWindow delayWindowFor(ScalingSpec spec) {
        Duration delay = spec.scaleDownDelay();
        return delay != null && delay.compareTo(Duration.ZERO) > 0 ? new MaxTimeWindow(delay, TICK) : null;
    }
}
