package dev.wisp.activator.proxy;

import dev.wisp.api.dataplane.Endpoint;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The idle keep-alive connections of one event loop, per instance: the most recently used is
 * reused first (the others may time out at the instance and are dropped when they close). Not
 * thread-safe: used on its loop only.
 */
final class UpstreamPool {

    /** Idle connections kept per instance and loop (nginx's upstream keepalive default is of this order). */
    static final int MAX_IDLE_PER_INSTANCE = 256;

    private final Map<Endpoint, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();

    /** An idle open connection to {@code instance}, or null when there is none. */
    UpstreamConnection take(Endpoint instance) {
        ArrayDeque<UpstreamConnection> connections = idle.get(instance);
        if (connections == null) {
            return null;
        }
        for (UpstreamConnection connection = connections.pollFirst(); connection != null;
             connection = connections.pollFirst()) {
            if (connection.isActive()) {
                return connection;
            }
        }
        return null;
    }

    /** Keeps {@code connection} for reuse, or closes it when enough are kept. */
    void offer(UpstreamConnection connection) {
        ArrayDeque<UpstreamConnection> connections = idle.computeIfAbsent(connection.endpoint(), e -> new ArrayDeque<>());
        if (connections.size() >= MAX_IDLE_PER_INSTANCE) {
            connection.channel().close();
            return;
        }
        connections.addFirst(connection);
    }

    /** Forgets a connection that closed. */
    void remove(UpstreamConnection connection) {
        ArrayDeque<UpstreamConnection> connections = idle.get(connection.endpoint());
        if (connections != null) {
            connections.remove(connection);
            if (connections.isEmpty()) {
                idle.remove(connection.endpoint());
            }
        }
    }

    /** Closes every idle connection. */
    void closeAll() {
        for (ArrayDeque<UpstreamConnection> connections : idle.values()) {
            for (UpstreamConnection connection : connections) {
                connection.channel().close();
            }
        }
        idle.clear();
    }
}
