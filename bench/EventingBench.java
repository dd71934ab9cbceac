import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the Kafka-backed broker of standalone Wisp (prints figures; not a test): events/s
 * accepted by the broker ingress and delivered end to end (1 KiB events, 1 and 10 Triggers), and
 * end-to-end latency p50/p99 at a steady rate. Run: java bench/EventingBench.java ROOT (after ./wisp built the app).
 */
public class EventingBench {
    static final int EVENTS = Integer.getInteger("events", 5000);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 32);
    static final int RATE = Integer.getInteger("rate", 200);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern API = Pattern.compile("api=(\\S+)");
    static final Pattern BROKERS = Pattern.compile("brokers=http://127.0.0.1:(\\d+)/");
    static final String DATA = "x".repeat(1024);

    static final Map sentNanos = new Map();
    static final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong delivered = new AtomicLong();

    /** Send times by event id. */
    static final class Map extends ConcurrentHashMap<String, Long> {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("wisp-eventing-bench");
        HttpServer subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        subscriber.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        subscriber.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("ce-id");
            exchange.getRequestBody().readAllBytes();
            Long sent = sentNanos.get(id);
            if (sent != null) {
                latencies.add(System.nanoTime() - sent);
            }
            delivered.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        subscriber.start();
        Process wisp = new ProcessBuilder("java", "-jar", System.getProperty("wisp.app.jar", root.resolve("platform/target/quarkus-app/quarkus-run.jar").toString()),
                "up", "--state-dir", state.toString(), "--port", "0", "--api-port", "0", "--broker-port", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(wisp.getInputStream(), StandardCharsets.UTF_8));
            String api = null;
            String brokerPort = null;
            for (String line; (line = out.readLine()) != null && brokerPort == null; ) {
                Matcher a = API.matcher(line);
                if (a.find() && api == null) {
                    api = a.group(1);
                }
                Matcher b = BROKERS.matcher(line);
                if (b.find()) {
                    brokerPort = b.group(1);
                }
            }
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(l -> { });
                } catch (java.io.UncheckedIOException closed) {
                    // wisp up stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
            System.out.printf("machine: %d cores, java %s; events of %d bytes%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), DATA.length());
            for (int triggers : new int[] {1, 10}) {
                String broker = "bench" + triggers;
                apply(api, broker, triggers, subscriber.getAddress().getPort());
                String url = "http://127.0.0.1:" + brokerPort + "/default/" + broker;
                throughput(url, triggers);
                latency(url, triggers);
            }
        } finally {
            wisp.destroy();
            wisp.waitFor();
            subscriber.stop(0);
        }
    }

    static void apply(String api, String broker, int triggers, int port) throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: " + broker + "\n");
        for (int i = 0; i < triggers; i++) {
            yaml.append("---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: ").append(broker).append("-t").append(i)
                    .append("\nspec:\n  broker: ").append(broker).append("\n  subscriber:\n    uri: http://127.0.0.1:").append(port).append("/\n");
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/apis/wisp.dev/v1alpha1/apply"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("apply failed: " + r.body());
        }
        for (int i = 0; i < triggers; i++) {
            String path = api + "/apis/eventing.knative.dev/v1/namespaces/default/triggers/" + broker + "-t" + i;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!HTTP.send(HttpRequest.newBuilder(URI.create(path)).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .matches("(?s).*\"type\"\\s*:\\s*\"Ready\"\\s*,\\s*\"status\"\\s*:\\s*\"True\".*")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("trigger " + path + " not ready");
                }
                Thread.sleep(200);
            }
        }
    }

    static CompletableFuture<Integer> post(String url, String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(DATA))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-type", "bench").header("ce-source", "/bench")
                .header("content-type", "text/plain").build();
        sentNanos.put(id, System.nanoTime());
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    static void throughput(String url, int triggers) throws Exception {
        long before = delivered.get();
        Semaphore permits = new Semaphore(CONCURRENCY);
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            permits.acquire();
            post(url, "t" + triggers + "-" + i).whenComplete((s, e) -> permits.release());
        }
        permits.acquire(CONCURRENCY);
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        long expected = before + (long) EVENTS * triggers;
        while (delivered.get() < expected && System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
            Thread.sleep(20);
        }
        double deliverSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("triggers=%d: accepted %.0f events/s (%d events, %d concurrent posts); delivered %.0f deliveries/s (%d of %d)%n",
                triggers, EVENTS / acceptSeconds, EVENTS, CONCURRENCY, (delivered.get() - before) / deliverSeconds,
                delivered.get() - before, (long) EVENTS * triggers);
    }

    static void latency(String url, int triggers) throws Exception {
        latencies.clear();
        int count = RATE * 10;
        long interval = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (System.nanoTime() < start + i * interval) {
                Thread.onSpinWait();
            }
            post(url, "l" + triggers + "-" + i);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latencies.size() < (long) count * triggers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("triggers=%d: end-to-end latency at %d events/s: p50=%.1fms p99=%.1fms (%d deliveries)%n", triggers, RATE,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.size());
    }
}
