import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of standalone Wisp (prints figures; not a test): cold-start latency through the
 * activator against the sample's own start-to-listen time, and warm latency through the activator
 * against a direct call to the instance. Run: bench/run (after ./wisp has built the application).
 */
public class ColdStartBench {
    static final int COLD_STARTS = Integer.getInteger("coldStarts", 20);
    static final int WARM_REQUESTS = Integer.getInteger("warmRequests", 2000);
    static {
        // must precede the first use of the JDK HTTP client, or it refuses to set Host
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path appJar = root.resolve("platform/target/quarkus-app/quarkus-run.jar");
        Path helloJar = root.resolve("samples/hello/target/hello.jar");
        List<String> helloCommand = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", helloJar.toString());
        System.out.printf("machine: %d cores, %s %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));

        List<Double> startToListen = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) {
            startToListen.add(sampleStartToListen(helloCommand));
        }

        Path state = Files.createTempDirectory("wisp-bench");
        Process wisp = new ProcessBuilder("java", "-jar", appJar.toString(), "up", "--state-dir", state.toString(),
                "--port", "0", "--api-port", "0", "--stable-window", "1s", "--scale-to-zero-grace-period", "0s",
                "--autoscaler-tick", "200ms").redirectErrorStream(true).redirectOutput(state.resolve("wisp.log").toFile()).start();
        try {
            String[] addresses = awaitUp(state.resolve("wisp.log"));
            String ingress = addresses[0];
            String api = addresses[1];
            apply(api, "bench", helloCommand, "");
            apply(api, "warm", helloCommand, "autoscaling.knative.dev/min-scale: \"1\"");
            awaitReady(api, "bench");
            awaitReady(api, "warm");
            List<Double> cold = new ArrayList<>();
            for (int i = 0; i < COLD_STARTS; i++) {
                awaitZero(api);
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(ingress, "bench.default.localhost");
                cold.add((System.nanoTime() - t0) / 1e6);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("cold request failed: " + r.statusCode() + " " + r.body());
                }
            }
            warm(api, ingress);
            report("sample start-to-listen (direct)", startToListen);
            report("cold start through wisp", cold);
            System.out.printf("cold start minus the sample's start-to-listen: p50 %.1f ms, p95 %.1f ms%n",
                    pct(cold, 50) - pct(startToListen, 50), pct(cold, 95) - pct(startToListen, 95));
        } finally {
            wisp.destroy();
            wisp.waitFor();
        }
    }

    static void warm(String api, String ingress) throws Exception {
        // A second service pinned at one instance (min-scale 1), so the instance called directly stays up.
        get(ingress, "warm.default.localhost");
        String instances = apiGet(api, "/apis/serving.knative.dev/v1/namespaces/default/revisions/warm-00001/instances");
        Matcher port = Pattern.compile("\"port\"\\s*:\\s*(\\d+)").matcher(instances);
        if (!port.find()) {
            throw new IllegalStateException("no instance port in " + instances);
        }
        String direct = "http://127.0.0.1:" + port.group(1);
        for (int i = 0; i < 200; i++) {
            get(direct, "warm.default.localhost");
            get(ingress, "warm.default.localhost");
        }
        List<Double> viaWisp = new ArrayList<>();
        List<Double> viaDirect = new ArrayList<>();
        for (int i = 0; i < WARM_REQUESTS; i++) {
            viaDirect.add(timed(direct));
            viaWisp.add(timed(ingress));
        }
        report("warm, direct to the instance", viaDirect);
        report("warm, through the activator", viaWisp);
        System.out.printf("activator overhead: p50 +%.3f ms (x%.2f), p95 +%.3f ms (x%.2f)%n",
                pct(viaWisp, 50) - pct(viaDirect, 50), pct(viaWisp, 50) / pct(viaDirect, 50),
                pct(viaWisp, 95) - pct(viaDirect, 95), pct(viaWisp, 95) / pct(viaDirect, 95));
    }

    static double timed(String base) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = get(base, "warm.default.localhost");
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("warm request failed: " + r.statusCode());
        }
        return ms;
    }

    static double sampleStartToListen(List<String> command) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        Process p = builder.start();
        try {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
                    return (System.nanoTime() - t0) / 1e6;
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    static String[] awaitUp(Path log) throws Exception {
        Pattern up = Pattern.compile("wisp up: ingress=(\\S+) api=(\\S+)");
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log)) {
                Matcher m = up.matcher(Files.readString(log));
                if (m.find()) {
                    return new String[] {m.group(1), m.group(2)};
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("wisp up did not start: " + Files.readString(log));
    }

    static void apply(String api, String name, List<String> command, String annotation) throws Exception {
        StringBuilder cmd = new StringBuilder();
        for (String part : command) {
            cmd.append(cmd.length() == 0 ? "" : ", ").append('"').append(part).append('"');
        }
        String yaml = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  template:
                    metadata:
                      annotations:
                        wisp.dev/bench: "true"
                        %s
                    spec:
                      containers:
                        - image: wisp.local/hello
                          command: [%s]
                """.formatted(name, annotation, cmd);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/apis/wisp.dev/v1alpha1/apply"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("apply failed: " + r.body());
        }
    }

    static void awaitReady(String api, String service) throws Exception {
        while (!apiGet(api, "/apis/serving.knative.dev/v1/namespaces/default/services/" + service).replaceAll("\\s", "")
                .contains("\"type\":\"Ready\",\"status\":\"True\"")) {
            Thread.sleep(50);
        }
    }

    static void awaitZero(String api) throws Exception {
        while (!apiGet(api, "/apis/serving.knative.dev/v1/namespaces/default/revisions/bench-00001").replaceAll("\\s", "")
                .contains("\"actualReplicas\":0,\"desiredReplicas\":0")) {
            Thread.sleep(50);
        }
    }

    static String apiGet(String api, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> get(String base, String host) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Host", host).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void report(String what, List<Double> values) {
        System.out.printf("%-34s n=%4d  p50 %8.3f ms  p95 %8.3f ms  p99 %8.3f ms%n", what, values.size(),
                pct(values, 50), pct(values, 95), pct(values, 99));
    }
}
