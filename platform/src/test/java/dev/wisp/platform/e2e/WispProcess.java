package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code wisp up} started from the packaged application as a child JVM on free ports, with
 * short autoscaling windows; and the {@code wisp} CLI run as separate processes against it.
 */
final class WispProcess implements AutoCloseable {
    private static final Pattern UP_LINE = Pattern.compile("wisp up: ingress=(\\S+) api=(\\S+)");
    static final Path APP_JAR = Path.of(System.getProperty("wisp.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    static final Path HELLO_JAR = Path.of(System.getProperty("wisp.sample.hello.jar", "../samples/hello/target/hello.jar"))
            .toAbsolutePath().normalize();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Path stateDir;
    private volatile String ingress;
    private volatile String api;

    private WispProcess(Process process, Path stateDir) {
        this.process = process;
        this.stateDir = stateDir;
    }

    /**
     * Starts {@code wisp up} with the given state directory and waits until it serves. Eventing
     * (Kafka) runs only when {@code extraArgs} hold {@code --eventing}.
     */
    static WispProcess start(Path stateDir, String... extraArgs) throws IOException {
        return start(stateDir, 0, extraArgs);
    }

    /**
     * Starts {@code wisp up} with its ingress on {@code ingressPort} (0 = any free port) and waits
     * until it serves.
     */
    static WispProcess start(Path stateDir, int ingressPort, String... extraArgs) throws IOException {
        assertThat(APP_JAR).as("the packaged wisp application (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", APP_JAR.toString(), "up",
                "--state-dir", stateDir.toString(), "--port", Integer.toString(ingressPort), "--api-port", "0",
                "--stable-window", "6s", "--scale-to-zero-grace-period", "1s", "--autoscaler-tick", "500ms"));
        List<String> extra = List.of(extraArgs);
        if (!extra.contains("--eventing")) {
            // Serving tests do without brokers: no Kafka child JVM to start on a 2-core machine.
            command.add("--no-eventing");
        } else if (!extra.contains("--broker-port")) {
            command.addAll(List.of("--broker-port", "0"));
        }
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        WispProcess wisp = new WispProcess(process, stateDir);
        wisp.pumpOutput();
        await("wisp up prints its addresses").atMost(Duration.ofSeconds(60))
                .until(() -> wisp.api != null || !process.isAlive());
        assertThat(wisp.api).as("wisp up failed to start:\n" + wisp.output()).isNotNull();
        return wisp;
    }

    /** A port free on 127.0.0.1 now (for a server that must not share the API's port 0). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void pumpOutput() {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    Matcher m = UP_LINE.matcher(line);
                    if (m.find()) {
                        ingress = m.group(1);
                        api = m.group(2);
                    }
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "wisp-up-output");
        pump.setDaemon(true);
        pump.start();
    }

    String ingress() {
        return ingress;
    }

    int ingressPort() {
        return Integer.parseInt(ingress.substring(ingress.lastIndexOf(':') + 1));
    }

    String api() {
        return api;
    }

    long pid() {
        return process.pid();
    }

    Path stateDir() {
        return stateDir;
    }

    String output() {
        return String.join("\n", output);
    }

    /** Runs {@code wisp ARGS --server API} and returns its exit code and output. */
    CliResult cli(String... args) throws IOException, InterruptedException {
        return cliWithInput(null, args);
    }

    CliResult cliWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(api);
        return run(null, stdin, withServer);
    }

    /** Runs {@code wisp ARGS} in {@code workingDir} (null: the test's) without adding --server, as a user types it. */
    static CliResult run(Path workingDir, String stdin, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", APP_JAR.toString()));
        command.addAll(args);
        Path out = Files.createTempFile("wisp-cli", ".out");
        Path err = Files.createTempFile("wisp-cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Process cli = builder.start();
        if (stdin != null) {
            cli.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        cli.getOutputStream().close();
        assertThat(cli.waitFor(90, TimeUnit.SECONDS)).as("wisp " + String.join(" ", args) + " finished").isTrue();
        CliResult result = new CliResult(cli.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    /** Sends SIGTERM (as Ctrl-C would) and waits for the process to end. */
    int stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("wisp up stops within 60s:\n" + output()).isTrue();
        return process.exitValue();
    }

    /** Sends SIGKILL (a crash: no shutdown hook runs, children are not stopped) and waits for the process to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("wisp up dies on SIGKILL").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Exit code and output of one CLI run. */
    record CliResult(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
