package dev.wisp.serving.runtime.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Stops a process and all its descendants: SIGTERM to each, then SIGKILL to those still alive
 * after the grace period. It watches the tree itself every few milliseconds, because the JDK
 * notices the exit of a process that is not its child only after 300 ms or more.
 */
public final class ProcessTreeTerminator {

    private static final Logger LOG = Logger.getLogger(ProcessTreeTerminator.class);
    private static final long WATCH_MILLIS = 20;

    private final ScheduledExecutorService scheduler;
    private final Duration gracePeriod;

    public ProcessTreeTerminator(ScheduledExecutorService scheduler, Duration gracePeriod) {
        this.scheduler = scheduler;
        this.gracePeriod = gracePeriod;
    }

    /** Terminates {@code root} and its descendants; the future completes once all of them are gone. */
    public CompletableFuture<Void> terminate(ProcessHandle root) {
        // Descendants are listed before the root dies: afterwards they are re-parented and lost.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        if (allGone(tree)) {
            gone.complete(null);
            return gone;
        }
        ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(() -> {
            if (allGone(tree)) {
                gone.complete(null);
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> kill = scheduler.schedule(() -> killSurvivors(root, tree),
                gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
        gone.whenComplete((ignored, error) -> {
            watch.cancel(false);
            kill.cancel(false);
        });
        return gone;
    }

    private static boolean allGone(List<ProcessHandle> tree) {
        return tree.stream().noneMatch(ProcessHandle::isAlive);
    }

    private static void killSurvivors(ProcessHandle root, List<ProcessHandle> tree) {
        List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
        if (!alive.isEmpty()) {
            LOG.infof("event=kill-after-grace pid=%d survivors=%d", root.pid(), alive.size());
            alive.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
