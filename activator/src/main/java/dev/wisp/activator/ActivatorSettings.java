package dev.wisp.activator;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@link Activator}: where it listens, on how many event loops, how many
 * requests may wait per revision, how often it reports traffic metrics, and the limits that
 * protect it from slow or malformed clients.
 *
 * @param host                 the address to bind (loopback by default)
 * @param port                 the port to bind; 0 picks a free one
 * @param maxQueuedPerRevision how many requests may wait for one revision before new ones get 503
 * @param metricsInterval      how often per-revision traffic samples are reported
 * @param eventLoops           how many event loops serve clients (each with its own server and client pool)
 * @param headerTimeout        how long a new connection may take to send its first request's headers
 * @param keepAliveTimeout     how long a connection may stay open with no request in progress
 * @param maxHeaderSize        the largest request header block accepted; larger gets 431
 * @param maxRequestLineLength the longest request line accepted; longer gets 414
 * @param loopAffinity         whether each event loop is pinned to a CPU of its own (see {@link LoopAffinity})
 */
public record ActivatorSettings(String host, int port, int maxQueuedPerRevision, Duration metricsInterval,
                                int eventLoops, Duration headerTimeout, Duration keepAliveTimeout,
                                int maxHeaderSize, int maxRequestLineLength, LoopAffinity loopAffinity) {

    static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(75);
    static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    static final int DEFAULT_MAX_REQUEST_LINE = 8 * 1024;

    public ActivatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metricsInterval, "metricsInterval");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(loopAffinity, "loopAffinity");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxQueuedPerRevision < 1) {
            throw new IllegalArgumentException("maxQueuedPerRevision must be at least 1, got " + maxQueuedPerRevision);
        }
        requireAtLeastMillis("metricsInterval", metricsInterval);
        requireAtLeastMillis("headerTimeout", headerTimeout);
        requireAtLeastMillis("keepAliveTimeout", keepAliveTimeout);
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
        }
        if (maxHeaderSize < 1024 || maxRequestLineLength < 256) {
            throw new IllegalArgumentException("maxHeaderSize must be at least 1024 and maxRequestLineLength at least 256,"
                    + " got " + maxHeaderSize + " and " + maxRequestLineLength);
        }
    }

    /** Settings with the default event loops and client limits. */
    public ActivatorSettings(String host, int port, int maxQueuedPerRevision, Duration metricsInterval) {
        this(host, port, maxQueuedPerRevision, metricsInterval, DEFAULT_EVENT_LOOPS, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_KEEP_ALIVE_TIMEOUT, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_REQUEST_LINE, LoopAffinity.AUTO);
    }

    /**
     * The standalone defaults: 127.0.0.1:8080, one event loop per core, 1000 waiting requests per
     * revision, metrics every second, 15 s for headers, 75 s keep-alive, 16 KiB headers, 8 KiB request line,
     * loops pinned to CPUs when there is one loop per CPU the process may use ({@link LoopAffinity#AUTO}).
     */
    public static ActivatorSettings defaults() {
        return new ActivatorSettings("127.0.0.1", 8080, 1000, Duration.ofSeconds(1));
    }

    public ActivatorSettings withHost(String newHost) {
        return new ActivatorSettings(newHost, port, maxQueuedPerRevision, metricsInterval, eventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    public ActivatorSettings withPort(int newPort) {
        return new ActivatorSettings(host, newPort, maxQueuedPerRevision, metricsInterval, eventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    public ActivatorSettings withMaxQueuedPerRevision(int newMax) {
        return new ActivatorSettings(host, port, newMax, metricsInterval, eventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    public ActivatorSettings withMetricsInterval(Duration newInterval) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, newInterval, eventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    public ActivatorSettings withEventLoops(int newEventLoops) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, metricsInterval, newEventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    /** The same settings with other slow-client timeouts. */
    public ActivatorSettings withClientTimeouts(Duration newHeaderTimeout, Duration newKeepAliveTimeout) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, metricsInterval, eventLoops, newHeaderTimeout,
                newKeepAliveTimeout, maxHeaderSize, maxRequestLineLength, loopAffinity);
    }

    /** The same settings with other request size limits. */
    public ActivatorSettings withRequestLimits(int newMaxHeaderSize, int newMaxRequestLineLength) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, metricsInterval, eventLoops, headerTimeout,
                keepAliveTimeout, newMaxHeaderSize, newMaxRequestLineLength, loopAffinity);
    }

    /** The same settings with another choice of pinning event loops to CPUs. */
    public ActivatorSettings withLoopAffinity(LoopAffinity newLoopAffinity) {
        return new ActivatorSettings(host, port, maxQueuedPerRevision, metricsInterval, eventLoops, headerTimeout,
                keepAliveTimeout, maxHeaderSize, maxRequestLineLength, newLoopAffinity);
    }

    private static void requireAtLeastMillis(String name, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, got " + value);
        }
    }
}
