package dev.wisp.activator.timing;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an action when a deadline passes, with one scheduled task per event loop armed for the
 * earliest pending deadline, instead of one per request. Use from its event loop only: add and
 * cancel there.
 *
 * @param <T> what a deadline is for
 */
public final class LoopDeadlines<T> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final EventLoop loop;
    private final Consumer<T> onExpired;
    private final DeadlineQueue<T> queue = new DeadlineQueue<>();
    private final Runnable fire = this::fired;
    private ScheduledFuture<?> timer;
    private long armedFor;
    private boolean closed;

    /** Deadlines on {@code loop} that give their item to {@code onExpired} when they pass. */
    public LoopDeadlines(EventLoop loop, Consumer<T> onExpired) {
        this.loop = loop;
        this.onExpired = onExpired;
    }

    /** Calls the action for {@code item} {@code lengthMillis} from now unless the entry is cancelled first. */
    public DeadlineQueue.Entry<T> add(T item, long lengthMillis) {
        long now = System.nanoTime();
        DeadlineQueue.Entry<T> entry = queue.add(item, lengthMillis * NANOS_PER_MILLI, now);
        if (timer == null || entry.deadline() - armedFor < 0) {
            arm(entry.deadline(), now);
        }
        return entry;
    }

    /** Cancels the timer; pending deadlines no longer fire. */
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long deadline, long now) {
        if (closed) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        // Round up: firing a little late is fine, early only costs a re-arm.
        long delayMillis = Math.max(1, (deadline - now + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        armedFor = deadline;
        timer = loop.schedule(fire, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void fired() {
        timer = null;
        queue.expire(System.nanoTime(), onExpired);
        long next = queue.next();
        if (next != Long.MAX_VALUE && (timer == null || next - armedFor < 0)) {
            arm(next, System.nanoTime());
        }
    }
}
