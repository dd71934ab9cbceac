package dev.wisp.activator;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@link Activator}: where it listens, how many requests may wait per
 * revision, and how often it reports traffic metrics.
 *
 * @param host                 the address to bind (loopback by default)
 * @param port                 the port to bind; 0 picks a free one
 * @param maxQueuedPerRevision how many requests may wait for one revision before new ones get 503
 * @param metricsInterval      how often per-revision traffic samples are reported
 */
public record ActivatorSettings(String host, int port, int maxQueuedPerRevision, Duration metricsInterval) {

    public ActivatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metricsInterval, "metricsInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxQueuedPerRevision < 1) {
            throw new IllegalArgumentException("maxQueuedPerRevision must be at least 1, got " + maxQueuedPerRevision);
        }
        if (metricsInterval.toMillis() < 1) {
            throw new IllegalArgumentException("metricsInterval must be at least 1ms, got " + metricsInterval);
        }
    }

    /** The standalone defaults: 127.0.0.1:8080, 1000 waiting requests per revision, metrics every second. */
    public static ActivatorSettings defaults() {
        return new ActivatorSettings("127.0.0.1", 8080, 1000, Duration.ofSeconds(1));
    }

    public ActivatorSettings withHost(String newHost) {
        return new ActivatorSettings(newHost, port, maxQueuedPerRevision, metricsInterval);
    }

    public ActivatorSettings withPort(int newPort) {
        return new ActivatorSettings(host, newPort, maxQueuedPerRevision, metricsInterval);
    }

    public ActivatorSettings withMaxQueuedPerRevision(int newMax) {
        return new ActivatorSettings(host, port, newMax, metricsInterval);
    }

    public ActivatorSettings withMetricsInterval(Duration newInterval) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, newInterval);
    }
}
