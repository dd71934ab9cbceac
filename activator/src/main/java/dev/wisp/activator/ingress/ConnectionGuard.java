package dev.wisp.activator.ingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Closes client connections that hold the server without asking anything: a new connection whose
 * first request's headers have not arrived within the header timeout (slowloris), and a
 * connection with no request in progress for longer than the keep-alive timeout. A request that is
 * being served is never cut off here (long waits and streams have their own timeouts); trickled
 * header bytes do not count as a request. One per event loop; not thread-safe; time comes in as
 * {@code System.nanoTime()} values.
 */
final class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);

    private final long headerTimeoutNanos;
    private final long keepAliveTimeoutNanos;
    private final Set<FrontHandler> watched = new HashSet<>();

    ConnectionGuard(Duration headerTimeout, Duration keepAliveTimeout) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.keepAliveTimeoutNanos = keepAliveTimeout.toNanos();
    }

    /** Watches a new HTTP/1.1 connection. */
    void watch(FrontHandler connection) {
        watched.add(connection);
    }

    /** Stops watching a connection (closed, or now speaking HTTP/2). */
    void forget(FrontHandler connection) {
        watched.remove(connection);
    }

    /** Closes the connections idle for too long at {@code now}; returns how many. */
    int sweep(long now) {
        List<FrontHandler> expired = null;
        for (FrontHandler connection : watched) {
            long limit = connection.served ? keepAliveTimeoutNanos : headerTimeoutNanos;
            if (connection.active <= 0 && now - connection.idleSinceNanos > limit) {
                expired = expired == null ? new ArrayList<>() : expired;
                expired.add(connection);
            }
        }
        if (expired == null) {
            return 0;
        }
        for (FrontHandler connection : expired) {
            watched.remove(connection);
            LOG.debugf("event=connection-timeout remote=%s reason=%s", connection.channel().remoteAddress(),
                    connection.served ? "keep-alive-idle" : "headers-incomplete");
            connection.channel().close();
        }
        return expired.size();
    }
}
