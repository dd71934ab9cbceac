package dev.wisp.activator.proxy;

import dev.wisp.activator.timing.DeadlineQueue;
import java.time.Duration;

/**
 * Knative's response-start and idle timeouts for the exchange an upstream connection carries:
 * the pure rules of {@link UpstreamTimeouts}, checked when its loop's deadline queue calls back.
 */
final class UpstreamDeadlines {

    private final UpstreamTimeouts timeouts = new UpstreamTimeouts();
    private final UpstreamConnection connection;
    private final UpstreamProxy proxy;
    private DeadlineQueue.Entry<UpstreamConnection> timer;

    UpstreamDeadlines(UpstreamConnection connection, UpstreamProxy proxy) {
        this.connection = connection;
        this.proxy = proxy;
    }

    /** Starts watching {@code next}, whose request is about to be sent. */
    void arm(Exchange next) {
        long first = timeouts.start(System.nanoTime(), next.responseStartMillis(), next.idleMillis());
        if (first > 0) {
            timer = proxy.timers().add(connection, first);
        }
    }

    /** Stops watching (the exchange ended or left the connection). */
    void disarm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timeouts.stop();
    }

    void responseStarted() {
        timeouts.responseStarted();
    }

    /** Something arrived from the instance. */
    void read() {
        if (timeouts.watchingIdle()) {
            timeouts.read(System.nanoTime());
        }
    }

    /**
     * A check fell due for {@code current}: what the instance failed to do in time (for the 504's
     * reason), or null when nothing expired (the next check is then scheduled).
     */
    String fired(Exchange current) {
        timer = null;
        long now = System.nanoTime();
        return switch (timeouts.expired(now)) {
            case RESPONSE_START -> "did not start responding within "
                    + Replies.describe(Duration.ofMillis(current.responseStartMillis())) + " (responseStartTimeoutSeconds)";
            case IDLE -> "sent nothing for " + Replies.describe(Duration.ofMillis(current.idleMillis()))
                    + " (idleTimeoutSeconds)";
            case NONE -> {
                long next = timeouts.nextCheckMillis(now);
                if (next > 0) {
                    timer = proxy.timers().add(connection, next);
                }
                yield null;
            }
        };
    }
}
