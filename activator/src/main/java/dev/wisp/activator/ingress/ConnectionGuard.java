package dev.wisp.activator.ingress;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Closes client connections that hold the server without asking anything: a new connection whose
 * first request's headers have not arrived within the header timeout (slowloris), and a
 * connection with no request in progress for longer than the keep-alive timeout. A request that is
 * being served is never cut off here (long waits and streams have their own timeouts).
 * <p>With h2c enabled Vert.x creates an HTTP/1 connection only once its first request's headers
 * are decoded, so that first deadline is Netty's: the server's idle timeout is set to the header
 * timeout, and its idle handler, which sits after the HTTP decoder and so is not reset by
 * trickled header bytes, closes the channel. {@link #connected} removes that handler as soon as
 * the connection exists, so slow handling and slow bodies are not cut by it.
 * One per event loop; not thread-safe; time comes in as {@code System.nanoTime()} values.
 */
final class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    /** The name Vert.x gives the idle handler it installs from {@code HttpServerOptions#setIdleTimeout}. */
    private static final String IDLE_HANDLER = "idle";

    /** The activity of one connection. */
    private static final class Watch {
        int active;
        boolean served;
        long idleSinceNanos;

        Watch(long now) {
            this.idleSinceNanos = now;
        }
    }

    private final long headerTimeoutNanos;
    private final long keepAliveTimeoutNanos;
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    ConnectionGuard(Duration headerTimeout, Duration keepAliveTimeout) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.keepAliveTimeoutNanos = keepAliveTimeout.toNanos();
    }

    /** A client connected at {@code now}. */
    void connected(HttpConnection connection, long now) {
        removeHeaderDeadline(connection);
        watches.put(connection, new Watch(now));
        connection.closeHandler(v -> watches.remove(connection));
    }

    /** A request's headers arrived: the connection is busy until its response ends. */
    void requestStarted(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch == null) {
            return; // a connection upgraded to h2c: its streams are not tracked
        }
        watch.active++;
        watch.served = true;
        request.response().endHandler(v -> {
            watch.active--;
            watch.idleSinceNanos = System.nanoTime();
        });
    }

    /** Closes the connections idle for too long at {@code now}; returns how many. */
    int sweep(long now) {
        int closed = 0;
        Iterator<Map.Entry<HttpConnection, Watch>> entries = watches.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<HttpConnection, Watch> entry = entries.next();
            Watch watch = entry.getValue();
            long limit = watch.served ? keepAliveTimeoutNanos : headerTimeoutNanos;
            if (watch.active <= 0 && now - watch.idleSinceNanos > limit) {
                entries.remove();
                LOG.debugf("event=connection-timeout remote=%s reason=%s", entry.getKey().remoteAddress(),
                        watch.served ? "keep-alive-idle" : "headers-incomplete");
                entry.getKey().close();
                closed++;
            }
        }
        return closed;
    }

    private static void removeHeaderDeadline(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(IDLE_HANDLER) != null) {
                pipeline.remove(IDLE_HANDLER);
            }
        }
    }

    int size() {
        return watches.size();
    }
}
