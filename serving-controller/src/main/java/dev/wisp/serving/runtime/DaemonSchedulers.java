package dev.wisp.serving.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the daemon thread pools a runtime runs its state changes, timers and probes on. */
public final class DaemonSchedulers {

    private DaemonSchedulers() {
    }

    /** A pool of {@code threads} daemon threads named {@code name-1, name-2, ...}; cancelled timers leave its queue. */
    public static ScheduledExecutorService create(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, factory);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
