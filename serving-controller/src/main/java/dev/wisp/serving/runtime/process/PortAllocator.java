package dev.wisp.serving.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks free TCP ports on 127.0.0.1 for instances and remembers which ones it handed out, so two
 * instances starting at the same time never get the same port.
 */
public final class PortAllocator {

    private static final int ATTEMPTS = 20;
    private final Set<Integer> allocated = new HashSet<>();

    /** A port that is free now and not held by another instance. */
    public synchronized int allocate() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probeFreePort();
            if (allocated.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    /** Returns a port once its instance has stopped. */
    public synchronized void release(int port) {
        allocated.remove(port);
    }

    private static int probeFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a port on 127.0.0.1", e);
        }
    }
}
