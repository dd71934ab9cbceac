package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.autoscaler.decision.MinimalScaleDecider;
import dev.wisp.autoscaler.decision.ScaleDecider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Scales the tracked revisions of standalone Wisp: keeps each revision's per-second concurrency
 * reported by the activator, decides its scale every tick with a {@link ScaleDecider}, wakes a
 * revision at zero the moment a request waits for it, and drives a {@link ScaleTarget} on every
 * change of decision.
 *
 * <p>{@link ScaleTarget#setDesiredScale} is called on the ticking thread ({@code wisp-autoscaler})
 * and, for a wake-up, on the thread that called {@link #poke}; it must not block.
 */
public final class Autoscaler implements AutoscalerControl, MetricsSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Autoscaler.class);
    static final String THREAD_NAME = "wisp-autoscaler";

    private final ScaleTarget target;
    private final Clock clock;
    private final Duration tickInterval;
    private final ScaleDecider decider;
    private final Map<RevisionKey, TrackedRevision> revisions = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler; // guarded by this

    /**
     * An autoscaler with the minimal decision (no panic mode).
     *
     * @param tickInterval how often decisions are made; Knative decides every 2 s
     */
    public Autoscaler(ScaleTarget target, Clock clock, Duration tickInterval) {
        this(target, clock, tickInterval, new MinimalScaleDecider());
    }

    /** An autoscaler deciding with {@code decider}. */
    public Autoscaler(ScaleTarget target, Clock clock, Duration tickInterval, ScaleDecider decider) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decider = Objects.requireNonNull(decider, "decider");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tickInterval must be positive but is " + tickInterval);
        }
        this.tickInterval = tickInterval;
    }

    /** Starts ticking every {@code tickInterval} on a daemon thread named {@value #THREAD_NAME}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("the autoscaler was already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Autoscaler::newTickThread);
        long millis = tickInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        LOG.infof("autoscaler started tickInterval=%s", tickInterval);
    }

    /** Stops ticking. Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.shutdownNow();
            LOG.info("autoscaler stopped");
        }
    }

    @Override
    public synchronized void track(RevisionKey revision, ScalingPolicy policy) {
        requireValid(revision, policy);
        TrackedRevision tracked = revisions.get(revision);
        if (tracked != null) {
            tracked.updatePolicy(policy);
            return;
        }
        tracked = new TrackedRevision(revision, policy, clock.instant(), decider, target);
        tracked.applyInitialScale();
        revisions.put(revision, tracked);
    }

    @Override
    public synchronized void untrack(RevisionKey revision) {
        TrackedRevision removed = revisions.remove(revision);
        if (removed != null) {
            removed.untrack();
            LOG.infof("revision=%s untracked", revision);
        }
    }

    @Override
    public int desiredScale(RevisionKey revision) {
        TrackedRevision tracked = revisions.get(revision);
        return tracked == null ? -1 : tracked.desired();
    }

    @Override
    public void poke(RevisionKey revision) {
        TrackedRevision tracked = revisions.get(revision);
        if (tracked == null) {
            LOG.debugf("revision=%s poke ignored reason=untracked", revision);
            return;
        }
        tracked.poke(clock.instant());
    }

    @Override
    public void report(RevisionMetric metric) {
        TrackedRevision tracked = revisions.get(metric.revision());
        if (tracked == null) {
            LOG.debugf("revision=%s sample ignored reason=untracked", metric.revision());
            return;
        }
        tracked.record(metric);
    }

    /** Decides the scale of every tracked revision now (what the scheduler runs every tick). */
    public void tick() {
        tick(clock.instant());
    }

    void tick(Instant now) {
        for (TrackedRevision tracked : revisions.values()) {
            try {
                tracked.tick(now);
            } catch (RuntimeException e) {
                // One revision's failure must not stop the others nor the schedule.
                LOG.errorf(e, "revision=%s tick failed", tracked.key());
            }
        }
    }

    private static Thread newTickThread(Runnable task) {
        Thread thread = new Thread(task, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    }

    private static void requireValid(RevisionKey revision, ScalingPolicy policy) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(policy, "policy of revision " + revision);
        String problem = policyProblem(policy);
        if (problem != null) {
            throw new IllegalArgumentException("revision " + revision + ": " + problem);
        }
    }

    private static String policyProblem(ScalingPolicy policy) {
        if (policy.minScale() < 0 || policy.maxScale() < 0 || policy.initialScale() < 0) {
            return "min-scale, max-scale and initial-scale must not be negative but are "
                    + policy.minScale() + ", " + policy.maxScale() + ", " + policy.initialScale();
        }
        if (policy.maxScale() > 0 && policy.minScale() > policy.maxScale()) {
            return "min-scale " + policy.minScale() + " must not exceed max-scale " + policy.maxScale();
        }
        if (!(policy.target() > 0)) {
            return "the concurrency target must be greater than 0 but is " + policy.target();
        }
        if (policy.stableWindow() == null || policy.stableWindow().compareTo(Duration.ofSeconds(1)) < 0) {
            return "the stable window must be at least 1s but is " + policy.stableWindow();
        }
        if (policy.scaleToZeroGracePeriod() == null || policy.scaleToZeroGracePeriod().isNegative()) {
            return "the scale-to-zero grace period must not be negative but is " + policy.scaleToZeroGracePeriod();
        }
        return null;
    }
}
