package dev.wisp.platform.cli;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.platform.api.ApiRoutes;
import dev.wisp.platform.api.EventingRoutes;
import dev.wisp.platform.standalone.EventingOptions;
import dev.wisp.platform.standalone.StandaloneEventing;
import dev.wisp.platform.standalone.StandaloneSettings;
import dev.wisp.platform.standalone.StandaloneWisp;
import dev.wisp.platform.standalone.StateDirectoryLock;
import dev.wisp.serving.runtime.RuntimeSelection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wisp up}: runs standalone Wisp in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run standalone Wisp in the foreground (Ctrl-C stops it and every instance it started).")
public class UpCommand implements Callable<Integer> {

    @Option(names = "--state-dir", description = "Where resources, logs and instance records live (default: ~/.wisp).")
    Path stateDir = Path.of(System.getProperty("user.home"), ".wisp");

    @Option(names = "--port", description = "Ingress port: services by Host header (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port = 8080;

    @Option(names = "--api-port", description = "API, health and metrics port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int apiPort = 8081;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--domain", description = "Domain of service URLs {name}.{namespace}.{domain} (default: ${DEFAULT-VALUE}).")
    String domain = "localhost";

    @CommandLine.Mixin
    AutoscalerOptions autoscaling = new AutoscalerOptions();

    @Option(names = "--rollout-duration", description = "Global gradual rollout of new revisions, as Knative's "
            + "serving.knative.dev/rollout-duration (default: 0s, at once).", converter = DurationConverter.class)
    Duration rolloutDuration = Duration.ZERO;

    @Option(names = "--retain-revisions", description = "Non-active revisions kept per configuration; older ones "
            + "are deleted (default: ${DEFAULT-VALUE}, Knative's min-non-active-revisions).")
    int retainRevisions = 20;

    @Option(names = "--autoscaler-tick", description = "How often the autoscaler decides (default: 2s).", converter = DurationConverter.class)
    Duration autoscalerTick = Duration.ofSeconds(2);

    @Option(names = "--runtime", description = "How revisions run: process (containers[0].command as a local process), "
            + "container (the image through a Docker-compatible engine) or auto (container when an engine socket is found); "
            + "a revision may pick with the annotation wisp.dev/runtime (default: ${DEFAULT-VALUE}).")
    String runtime = "process";

    @Option(names = "--container-socket", description = "Unix socket of the Docker-compatible engine (Docker, or "
            + "`podman system service`); default: DOCKER_HOST, /run/podman/podman.sock, /var/run/docker.sock, "
            + "$XDG_RUNTIME_DIR/podman/podman.sock.")
    Path containerSocket;

    @Option(names = "--build-base-image", description = "Base image of the OCI images that Builds of Java (maven) "
            + "apps produce for the container runtime: tar:///path/base.tar (a Docker archive, e.g. from "
            + "deploy/image/build-base.sh) or a registry reference; other strategies get none (default: none, "
            + "such Builds fail with NoBaseImage).")
    String buildBaseImage;

    @Option(names = "--kafka", description = "Use this Kafka (host:port) for brokers instead of starting the embedded one.")
    String kafka;

    @Option(names = "--broker-port", description = "Broker ingress port: events POSTed to /{namespace}/{broker} "
            + "(default: ${DEFAULT-VALUE}; 0 = any free port).")
    int brokerPort = 8082;

    @Option(names = "--kafka-lib", description = "Directory of the embedded Kafka's jars (default: kafka-lib beside the application).")
    Path kafkaLib;

    @Option(names = "--eventing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run brokers and triggers with an embedded Kafka (default: ${DEFAULT-VALUE}; --no-eventing to skip).")
    boolean eventing;

    /**
     * The lock on the state directory, reachable for the life of the JVM (an unreachable channel would be
     * closed by its cleaner, releasing the lock); the OS releases it when the process ends, after the
     * shutdown has stopped every instance.
     */
    private static StateDirectoryLock stateLock;

    @Inject
    EventingRoutes eventingRoutes;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    HttpServer httpServer;

    @Inject
    ApiRoutes apiRoutes;

    /** Reads the API port and host from {@code wisp up}'s arguments before Quarkus binds its HTTP server. */
    public static void configureServer(String[] args) {
        UpCommand options = new UpCommand();
        CommandLine parser = new CommandLine(options);
        parser.setUnmatchedArgumentsAllowed(true);
        try {
            parser.parseArgs(Arrays.copyOfRange(args, 1, args.length));
        } catch (CommandLine.ParameterException e) {
            // The real parse reports it; bind nothing meanwhile (the default API port may be another's).
            System.setProperty("quarkus.http.host-enabled", "false");
            return;
        }
        System.setProperty("quarkus.http.port", Integer.toString(options.apiPort));
        System.setProperty("quarkus.http.host", options.host);
    }

    @Override
    public Integer call() throws Exception {
        AutoscalerDefaults defaults = autoscaling.defaults();
        Path state = stateDir.toAbsolutePath();
        if (rolloutDuration.isNegative() || retainRevisions < 0) {
            throw new CliException("--rollout-duration and --retain-revisions must not be negative");
        }
        lockStateDirectory(state);
        RuntimeSelection runtimes;
        try {
            runtimes = new RuntimeSelection(runtime, containerSocket);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        StandaloneSettings settings = new StandaloneSettings(state, host, port, domain, defaults, autoscalerTick,
                rolloutDuration, retainRevisions, runtimes);
        StandaloneWisp wisp = StandaloneWisp.start(settings, vertx, meterRegistry, baseImage());
        apiRoutes.attach(wisp);
        String api = "http://" + host + ":" + httpServer.getPort();
        System.out.printf("wisp up: ingress=http://%s:%d api=%s state=%s domain=%s%n",
                host, wisp.ingressPort(), api, state, domain);
        // From the repository root as it is (samples/hello/service.yaml is a template that ./demo fills in).
        System.out.printf("Services answer at http://{name}.{namespace}.%s:%d ; try: wisp deploy --source samples/python-hello hello%n",
                domain, wisp.ingressPort());
        System.out.flush();
        // After the lines above: eventing's own lines (or its error) must not cut into them.
        Thread eventingStarter = startEventing(wisp);
        Quarkus.waitForExit();
        apiRoutes.detach();
        eventingRoutes.detach();
        if (eventingStarter != null) {
            // Stopped while Kafka was still starting: the starter sees Wisp closed and stops it; the
            // JVM must not exit before that, or the Kafka child process would outlive Wisp.
            eventingStarter.join(Duration.ofSeconds(60).toMillis());
        }
        return 0;
    }

    /** Locks the state directory before anything touches it: two {@code wisp up} on one state would kill each other's instances. */
    private static void lockStateDirectory(Path state) throws java.io.IOException {
        try {
            stateLock = StateDirectoryLock.acquire(state);
        } catch (StateDirectoryLock.InUseException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The --build-base-image, checked: a local archive must exist, or every OCI build would fail on it. */
    private Optional<String> baseImage() {
        if (buildBaseImage == null || buildBaseImage.isBlank()) {
            return Optional.empty();
        }
        if (buildBaseImage.startsWith("tar://") && !Files.isRegularFile(Path.of(buildBaseImage.substring("tar://".length())))) {
            throw new CliException("--build-base-image " + buildBaseImage + ": no such file; build one with "
                    + "deploy/image/build-base.sh OUT_TAR and pass tar:///absolute/path/OUT_TAR");
        }
        return Optional.of(buildBaseImage);
    }

    /** Fails with a {@link BindException} when the broker port is taken (another wisp up, or anything else). */
    private void checkBrokerPortFree() throws IOException {
        if (brokerPort == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Vert.x binds: a port in TIME_WAIT is free, a listening one is not
            socket.bind(new InetSocketAddress(host, brokerPort));
        }
    }

    /** Why eventing did not start, with the way out when the broker port is taken. */
    private String eventingFailure(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "broker port " + host + ":" + brokerPort + " is in use (" + cause.getMessage() + "); pass "
                        + "--broker-port PORT, --broker-port 0 (any free port) or --no-eventing";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Eventing starts in the background (Kafka takes seconds): serving is up at once, brokers join it. */
    private Thread startEventing(StandaloneWisp wisp) {
        if (!eventing) {
            return null;
        }
        EventingOptions options = new EventingOptions(true, kafka, brokerPort, kafkaLib);
        Thread starter = new Thread(() -> {
            try {
                checkBrokerPortFree(); // before Kafka's seconds of start, which would be wasted
                StandaloneEventing started = wisp.startEventing(options, vertx);
                eventingRoutes.attach(started);
                System.out.printf("wisp eventing: brokers=http://%s:%d/{namespace}/{broker} kafka=%s%n",
                        host, started.brokerPort(), started.bootstrap());
                System.out.flush();
            } catch (Exception e) {
                System.err.println("error: eventing did not start: " + eventingFailure(e)
                        + "; serving keeps running without eventing");
            }
        }, "wisp-eventing-start");
        starter.setDaemon(true);
        starter.start();
        return starter;
    }
}
