import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the KPA in standalone Wisp (prints figures; not a test): the time from a step to 8
 * closed-loop clients (each request held 200 ms, target 1 in flight per instance) until 8 instances
 * are desired and ready, and from the load's stop until the revision is at zero. Knative's tick
 * (2 s) and its smallest windows (stable 6 s, grace 6 s) are used unless overridden with
 * -Dtick=, -Dwindow=, -Dgrace= (-Dapp= another quarkus-run.jar). Run: java bench/AutoscalingBench.java . (after ./wisp has built the application).
 */
public class AutoscalingBench {
    static final int CLIENTS = 8;
    /** Why requests failed, by status and body (or exception), printed after each round. */
    static final java.util.Map<String, AtomicLong> FAILURES = new java.util.concurrent.ConcurrentHashMap<>();
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final long MAX_REQUESTS_PER_ROUND = 20_000;
    static final Duration MAX_WAIT = Duration.ofSeconds(120);
    static {
        // must precede the first use of the JDK HTTP client, or it refuses to set Host
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Pattern UP = Pattern.compile("wisp up: ingress=(\\S+) api=(\\S+)");
    static final Pattern INT_FIELD = Pattern.compile("\"(desired|ready)\"\\s*:\\s*(-?\\d+)");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String tick = System.getProperty("tick", "2s");
        String window = System.getProperty("window", "6s");
        String grace = System.getProperty("grace", "6s");
        Path state = Files.createTempDirectory("wisp-autoscaling-bench");
        int ingressPort = freePort();
        String app = System.getProperty("app", root.resolve("platform/target/quarkus-app/quarkus-run.jar").toString());
        Process wisp = new ProcessBuilder("java", "-jar", app,
                "up", "--state-dir", state.toString(), "--port", Integer.toString(ingressPort), "--api-port", "0",
                "--stable-window", window, "--scale-to-zero-grace-period", grace, "--autoscaler-tick", tick)
                .redirectErrorStream(true).redirectOutput(state.resolve("wisp.log").toFile()).start();
        try {
            String[] addresses = awaitUp(state.resolve("wisp.log"));
            String api = addresses[1];
            apply(api, root.resolve("samples/hello/target/hello.jar"));
            System.out.printf("machine: %d cores, java %s; tick=%s stable-window=%s grace=%s, %d clients x GET /?ms=200, target 1%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tick, window, grace, CLIENTS);
            awaitServiceReady(api);
            for (int round = 1; round <= ROUNDS; round++) {
                awaitInstances(api, 0, 0);
                runRound(round, "http://127.0.0.1:" + ingressPort, api);
            }
        } finally {
            wisp.destroy();
            wisp.waitFor(60, TimeUnit.SECONDS);
        }
    }

    static void runRound(int round, String ingress, String api) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            pool.submit(() -> callInALoop(ingress, running, sent, failed));
        }
        long desiredAt = awaitInstances(api, CLIENTS, -1) - start;
        long readyAt = awaitInstances(api, CLIENTS, CLIENTS) - start;
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        long stop = System.nanoTime();
        long zeroDesired = awaitInstances(api, 0, -1) - stop;
        long zeroReady = awaitInstances(api, 0, 0) - stop;
        System.out.printf("round %d: step -> desired %d: %5d ms, -> %d ready: %5d ms | stop -> desired 0: %5d ms, "
                        + "-> 0 ready: %5d ms | requests %d, failed %d%n", round, CLIENTS, ms(desiredAt), CLIENTS, ms(readyAt),
                ms(zeroDesired), ms(zeroReady), sent.get(), failed.get());
        FAILURES.forEach((reason, count) -> System.out.printf("  failed %d x %s%n", count.get(), reason));
        FAILURES.clear();
    }

    static void callInALoop(String ingress, AtomicBoolean running, AtomicLong sent, AtomicLong failed) {
        while (running.get() && sent.incrementAndGet() <= MAX_REQUESTS_PER_ROUND) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/?ms=200")).header("Host", "bench.default.localhost")
                        .timeout(Duration.ofSeconds(60)).GET().build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failed.incrementAndGet();
                    FAILURES.computeIfAbsent(response.statusCode() + " " + response.body().strip(), k -> new AtomicLong())
                            .incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                failed.incrementAndGet();
                FAILURES.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** Waits until the Service is Ready, i.e. its route is programmed (before that the ingress answers 404). */
    static void awaitServiceReady(String api) throws Exception {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!get(api + "/apis/serving.knative.dev/v1/namespaces/default/services/bench").replaceAll("\\s", "")
                .contains("\"type\":\"Ready\",\"status\":\"True\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service bench not Ready within " + MAX_WAIT);
            }
            Thread.sleep(100);
        }
    }

    /** Polls the revision's instances until desired (and ready, unless -1) equal the given values; returns when. */
    static long awaitInstances(String api, int desired, int ready) throws Exception {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String body = get(api + "/apis/serving.knative.dev/v1/namespaces/default/revisions/bench-00001/instances");
            int[] values = {-2, -2};
            Matcher m = INT_FIELD.matcher(body);
            while (m.find()) {
                values[m.group(1).equals("desired") ? 0 : 1] = Integer.parseInt(m.group(2));
            }
            boolean desiredOk = desired == 0 ? values[0] == 0 : values[0] >= desired;
            boolean readyOk = ready < 0 || (ready == 0 ? values[1] == 0 : values[1] >= ready);
            if (desiredOk && readyOk) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("revision did not reach desired=" + desired + " ready=" + ready + " in " + MAX_WAIT);
    }

    static void apply(String api, Path helloJar) throws Exception {
        String manifest = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: bench
                spec:
                  template:
                    metadata:
                      annotations:
                        autoscaling.knative.dev/target: "1"
                        autoscaling.knative.dev/target-utilization-percentage: "100"
                    spec:
                      containers:
                        - image: wisp.local/hello
                          command: ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", "%s"]
                """.formatted(helloJar);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/apis/wisp.dev/v1alpha1/apply"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(manifest)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("apply failed: " + response.body());
        }
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    static String[] awaitUp(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = UP.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return new String[] {m.group(1), m.group(2)};
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("wisp up did not start; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
