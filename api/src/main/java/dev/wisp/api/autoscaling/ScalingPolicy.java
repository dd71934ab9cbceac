package dev.wisp.api.autoscaling;

import java.time.Duration;

/**
 * How one revision scales, resolved from its {@code autoscaling.knative.dev/*} annotations and the
 * global defaults.
 *
 * @param minScale           instances kept even without traffic (0 allows scale to zero)
 * @param maxScale           upper bound on instances; 0 = unbounded
 * @param initialScale       instances started when the revision is created
 * @param target             per-instance concurrency target (after target utilization)
 * @param containerConcurrency the hard per-instance limit; 0 = unlimited
 * @param stableWindow       the window over which traffic is averaged (Knative's default 60 s)
 * @param scaleToZeroGracePeriod how long after the window an idle revision is kept (default 30 s)
 */
public record ScalingPolicy(int minScale, int maxScale, int initialScale, double target,
                            int containerConcurrency, Duration stableWindow, Duration scaleToZeroGracePeriod) {
}
