package dev.wisp.activator.timing;

import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Runs an action when a deadline passes, with one Vert.x timer per event loop armed for the
 * earliest pending deadline, instead of one timer per request (each of which costs a timer id, an
 * entry in Vert.x's shared timer map and a scheduled task). Use from its event loop only: create
 * it there, and add and cancel there.
 *
 * @param <T> what a deadline is for
 */
public final class LoopDeadlines<T> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Vertx vertx;
    private final Consumer<T> onExpired;
    private final DeadlineQueue<T> queue = new DeadlineQueue<>();
    private long timerId = -1;
    private long armedFor;

    /** Deadlines on the calling event loop that give their item to {@code onExpired} when they pass. */
    public LoopDeadlines(Vertx vertx, Consumer<T> onExpired) {
        this.vertx = vertx;
        this.onExpired = onExpired;
    }

    /** Calls the action for {@code item} {@code lengthMillis} from now unless the entry is cancelled first. */
    public DeadlineQueue.Entry<T> add(T item, long lengthMillis) {
        long now = System.nanoTime();
        DeadlineQueue.Entry<T> entry = queue.add(item, lengthMillis * NANOS_PER_MILLI, now);
        if (timerId < 0 || entry.deadline() - armedFor < 0) {
            arm(entry.deadline(), now);
        }
        return entry;
    }

    /** Deadlines pending on this loop. */
    public int pending() {
        return queue.size();
    }

    /** Cancels the timer; pending deadlines no longer fire. */
    public void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void arm(long deadline, long now) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        // Round up: firing a little late is fine, early only costs a re-arm.
        long delayMillis = Math.max(1, (deadline - now + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        armedFor = deadline;
        timerId = vertx.setTimer(delayMillis, id -> fired(id));
    }

    private void fired(long id) {
        if (id != timerId) {
            return;
        }
        timerId = -1;
        queue.expire(System.nanoTime(), onExpired);
        long next = queue.next();
        if (next != Long.MAX_VALUE && (timerId < 0 || next - armedFor < 0)) {
            arm(next, System.nanoTime());
        }
    }
}
