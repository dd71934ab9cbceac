package dev.wisp.activator;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A revision instance as a real child process (so a test can SIGKILL it): a JDK HTTP server on a
 * free loopback port that answers every request with its id after a short delay. Prints its port.
 */
public final class ChildUpstream {

    private ChildUpstream() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        long delayMillis = Long.parseLong(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis); // a slow instance; this is a worker thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = id.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }

    /** Starts a child JVM running this class; returns the process once it printed its port. */
    static Started start(String id, long delayMillis) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ChildUpstream.class.getName(), id, Long.toString(delayMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String port = out.readLine();
        if (port == null) {
            process.destroyForcibly();
            throw new IOException("child upstream " + id + " exited before printing its port");
        }
        return new Started(process, Integer.parseInt(port.trim()));
    }

    /** A started child and its port. */
    record Started(Process process, int port) {
    }
}
