package dev.wisp.samples.hello;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP app that answers {@code Hello {TARGET}!} on {@code $PORT}; it starts in well under a
 * second and has no dependencies, so cold starts measure the platform rather than the app.
 *
 * <p>{@code POST} echoes the request body back, which lets tests check that bodies stream through.
 * {@code GET /sleep?ms=N} answers after N milliseconds, for tests of concurrency and timeouts.
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // holds the body until the client's delayed ACK (40 ms) whenever the client is another server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(env("PORT", "8080"));
        String target = env("TARGET", "World");
        String revision = env("K_REVISION", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", exchange -> handle(exchange, target, revision));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        System.out.println("hello listening port=" + port + " revision=" + revision);
    }

    private static void handle(HttpExchange exchange, String target, String revision) throws IOException {
        try (exchange) {
            byte[] body;
            if ("POST".equals(exchange.getRequestMethod()) || "PUT".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
            } else {
                sleepIfAsked(exchange.getRequestURI().getQuery());
                body = ("Hello " + target + "!\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().add("X-Revision", revision);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleepIfAsked(String query) {
        if (query == null || !query.startsWith("ms=")) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(query.substring(3)));
        } catch (NumberFormatException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
