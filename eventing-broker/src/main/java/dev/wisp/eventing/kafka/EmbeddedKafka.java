package dev.wisp.eventing.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.jboss.logging.Logger;

/**
 * A single-node Kafka broker in KRaft mode run as a child JVM ({@code kafka.Kafka server.properties})
 * with its data under a directory: formatted with a fresh cluster id on first start, ready once the
 * Admin client can describe the cluster, stopped cleanly (its process tree killed when it does not
 * stop in time) and restartable on the same data and the same ports.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);
    private static final String MAIN_CLASS = "kafka.Kafka";

    private final EmbeddedKafkaSettings settings;
    private Process process;
    /** The broker process while {@link #start} runs, so that {@link #abort} can end it from another thread. */
    private volatile Process launching;
    private volatile boolean aborted;
    private int brokerPort;
    private int controllerPort;

    public EmbeddedKafka(EmbeddedKafkaSettings settings) {
        this.settings = settings;
    }

    /** Starts the broker (formatting its storage first when new) and returns once it serves clients. */
    public synchronized String start() throws IOException {
        if (isRunning()) {
            return bootstrapServers();
        }
        checkLibDir();
        Files.createDirectories(settings.dataDir());
        killLeftOver();
        choosePorts();
        Path properties = settings.dataDir().resolve("server.properties");
        Files.writeString(properties, KafkaServerProperties.render(KafkaServerProperties.singleNode(
                settings.host(), brokerPort, controllerPort, logDir())));
        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(properties);
        }
        Instant started = Instant.now();
        if (aborted) {
            throw new IOException("Kafka start aborted: Wisp is stopping");
        }
        process = launch(List.of(MAIN_CLASS, properties.toString()));
        launching = process;
        Files.writeString(pidFile(), Long.toString(process.pid()));
        try {
            awaitReady(started);
        } finally {
            launching = null;
        }
        LOG.infof("kafka started bootstrap=%s pid=%d dataDir=%s tookMs=%d", bootstrapServers(), process.pid(),
                settings.dataDir(), Duration.between(started, Instant.now()).toMillis());
        return bootstrapServers();
    }

    /** {@code host:port} of the broker's client listener (known once started). */
    public synchronized String bootstrapServers() {
        return settings.host() + ":" + brokerPort;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the broker's JVM, when running. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), killing its process tree after the stop timeout. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        stopping.destroy();
        try {
            if (!stopping.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("kafka did not stop in time pid=%d timeout=%s: killing it", stopping.pid(), settings.stopTimeout());
                kill(stopping.toHandle());
            }
        } catch (InterruptedException e) {
            kill(stopping.toHandle());
            Thread.currentThread().interrupt();
        }
        deleteQuietly(pidFile());
        LOG.infof("kafka stopped pid=%d", stopping.pid());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Ends a {@link #start} in progress on another thread (Wisp is stopping while Kafka starts): the
     * broker process is killed and {@code start} fails; a later {@link #close} cleans up the rest.
     * Without this the starting broker would outlive Wisp.
     */
    public void abort() {
        aborted = true;
        Process starting = launching;
        if (starting != null) {
            LOG.infof("kafka start aborted pid=%d", starting.pid());
            kill(starting.toHandle());
        }
    }

    private Path logDir() {
        return settings.dataDir().resolve("logs");
    }

    private Path pidFile() {
        return settings.dataDir().resolve("kafka.pid");
    }

    private Path portsFile() {
        return settings.dataDir().resolve("ports");
    }

    private void checkLibDir() {
        Path lib = settings.libDir();
        try (var jars = Files.list(lib)) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("no kafka_2.13 jar in the Kafka lib directory " + lib
                        + " (set -D" + EmbeddedKafkaSettings.LIB_DIR_PROPERTY + " or use an external Kafka)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Kafka lib directory " + lib + " cannot be read: " + e.getMessage()
                    + " (set -D" + EmbeddedKafkaSettings.LIB_DIR_PROPERTY + " or use an external Kafka)", e);
        }
    }

    /** A broker left running by a Wisp that was killed holds the data dir's lock: stop it first. */
    private void killLeftOver() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        String text = Files.readString(pidFile()).trim();
        deleteQuietly(pidFile());
        try {
            ProcessHandle.of(Long.parseLong(text))
                    .filter(h -> h.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(false))
                    .ifPresent(h -> {
                        LOG.warnf("killing a kafka left over by an earlier run pid=%d", h.pid());
                        kill(h);
                    });
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring an unreadable kafka pid file content=%s", text);
        }
    }

    /** The ports of the previous run when they are free (clients keep their address), else new ones. */
    private void choosePorts() throws IOException {
        if (brokerPort == 0 && Files.exists(portsFile())) {
            String[] ports = Files.readString(portsFile()).trim().split(",");
            brokerPort = Integer.parseInt(ports[0]);
            controllerPort = Integer.parseInt(ports[1]);
        }
        if (brokerPort == 0 || !isFree(brokerPort) || !isFree(controllerPort)) {
            brokerPort = freePort();
            controllerPort = freePort();
            Files.writeString(portsFile(), brokerPort + "," + controllerPort);
        }
    }

    private boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(settings.host()))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(settings.host()))) {
            return socket.getLocalPort();
        }
    }

    private void format(Path properties) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        Process formatter = launch(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", properties.toString()));
        try {
            if (!formatter.waitFor(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS) || formatter.exitValue() != 0) {
                kill(formatter.toHandle());
                throw new IOException("formatting Kafka storage in " + logDir() + " failed; see " + outputFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(formatter.toHandle());
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
        LOG.infof("kafka storage formatted clusterId=%s logDir=%s", clusterId, logDir());
    }

    private Path outputFile() {
        return settings.dataDir().resolve("kafka.out");
    }

    private Process launch(List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.add("-cp");
        command.add(settings.libDir().toAbsolutePath() + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
        builder.environment().remove("CLASSPATH");
        return builder.start();
    }

    private void awaitReady(Instant started) throws IOException {
        Properties config = new Properties();
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200"));
        Instant deadline = started.plus(settings.startTimeout());
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (aborted) {
                    throw new IOException("Kafka start aborted: Wisp is stopping");
                }
                if (!process.isAlive()) {
                    throw new IOException("Kafka exited with code " + process.exitValue() + " while starting; see " + outputFile());
                }
                if (clusterAnswers(admin)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    stop();
                    throw new IOException("Kafka was not ready within " + settings.startTimeout() + "; see " + outputFile());
                }
            }
        }
    }

    private static boolean clusterAnswers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes()
                    .get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void kill(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("process did not exit after SIGKILL pid=%d", handle.pid());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not delete file=%s error=%s", file, e.toString());
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
