package dev.wisp.serving.runtime.process;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Probes starting instances for readiness on a small shared scheduled pool: each watched target is
 * checked every {@code interval} (fixed delay, so slow probes never pile up) until it is ready or
 * the watch is cancelled.
 */
public final class ReadinessProber {

    private static final Logger LOG = Logger.getLogger(ReadinessProber.class);

    private final ScheduledExecutorService pool;
    private final Duration interval;

    public ReadinessProber(ScheduledExecutorService pool, Duration interval) {
        this.pool = pool;
        this.interval = interval;
    }

    /** Starts probing {@code target}; calls {@code onReady} once, on a pool thread, when it answers ready. */
    public Future<?> watch(ProbeTarget target, Runnable onReady) {
        ProbeLoop loop = new ProbeLoop(target, onReady);
        loop.future = pool.scheduleWithFixedDelay(loop, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return loop.future;
    }

    /** Probes one target until it is ready, then stops itself. */
    private static final class ProbeLoop implements Runnable {
        private final ProbeTarget target;
        private final Runnable onReady;
        private volatile Future<?> future;
        private boolean done;

        ProbeLoop(ProbeTarget target, Runnable onReady) {
            this.target = target;
            this.onReady = onReady;
        }

        @Override
        public void run() {
            if (done || !ReadinessCheck.isReady(target)) {
                return;
            }
            done = true;
            Future<?> self = future;
            if (self != null) {
                self.cancel(false);
            }
            try {
                onReady.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "event=ready-callback-failed target=%s:%d", target.host(), target.port());
            }
        }
    }
}
