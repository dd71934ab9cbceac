package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Scales the tracked revisions of standalone Wisp as Knative's KPA does: keeps each revision's
 * per-second concurrency and request counts reported by the activator in stable and panic windows,
 * decides its scale every tick with a {@link dev.wisp.autoscaler.scaling.KpaScaler} and Knative's
 * scale-to-zero rules, wakes a revision at zero the moment a request waits for it, drives a
 * {@link ScaleTarget} on every change of decision, and publishes its state as metrics.
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
    private final AutoscalerMeters meters;
    private final Map<RevisionKey, TrackedRevision> revisions = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler; // guarded by this

    /**
     * An autoscaler that publishes no metrics.
     *
     * @param tickInterval how often decisions are made; Knative decides every 2 s
     */
    public Autoscaler(ScaleTarget target, Clock clock, Duration tickInterval) {
        this(target, clock, tickInterval, null);
    }

    /** An autoscaler publishing its per-revision state to {@code registry} (null for none). */
    public Autoscaler(ScaleTarget target, Clock clock, Duration tickInterval, MeterRegistry registry) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = registry == null ? null : new AutoscalerMeters(registry);
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
        tracked = new TrackedRevision(revision, policy, clock.instant(), target);
        tracked.applyInitialScale();
        revisions.put(revision, tracked);
        if (meters != null) {
            meters.register(revision, tracked::status);
        }
    }

    @Override
    public synchronized void untrack(RevisionKey revision) {
        TrackedRevision removed = revisions.remove(revision);
        if (removed != null) {
            removed.untrack();
            if (meters != null) {
                meters.remove(revision);
            }
            LOG.infof("revision=%s untracked", revision);
        }
    }

    @Override
    public int desiredScale(RevisionKey revision) {
        TrackedRevision tracked = revisions.get(revision);
        return tracked == null ? -1 : tracked.desired();
    }

    /** What was last decided and seen for a revision; empty if it is not tracked. */
    public Optional<RevisionScaling> scaling(RevisionKey revision) {
        return Optional.ofNullable(revisions.get(revision)).map(TrackedRevision::status);
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
        if (!(policy.maxScaleUpRate() > 1) || !(policy.maxScaleDownRate() > 1)) {
            return "max-scale-up-rate and max-scale-down-rate must be greater than 1 but are "
                    + policy.maxScaleUpRate() + " and " + policy.maxScaleDownRate();
        }
        if (policy.metric() == null || policy.scaleDownDelay() == null || policy.scaleDownDelay().isNegative()
                || policy.scaleToZeroPodRetentionPeriod() == null || policy.scaleToZeroPodRetentionPeriod().isNegative()) {
            return "metric, scale-down-delay and scale-to-zero-pod-retention-period must be set and not negative";
        }
        if (policy.scaleToZeroGracePeriod() == null || policy.scaleToZeroGracePeriod().isNegative()) {
            return "the scale-to-zero grace period must not be negative but is " + policy.scaleToZeroGracePeriod();
        }
        return null;
    }
}
