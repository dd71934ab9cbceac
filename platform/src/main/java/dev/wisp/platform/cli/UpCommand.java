package dev.wisp.platform.cli;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.platform.api.ApiRoutes;
import dev.wisp.platform.standalone.StandaloneSettings;
import dev.wisp.platform.standalone.StandaloneWisp;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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

    @Option(names = "--stable-window", description = "Global autoscaling window (Knative: 60s).", converter = DurationConverter.class)
    Duration stableWindow;

    @Option(names = "--scale-to-zero-grace-period", description = "Kept after the window before scaling to zero (Knative: 30s).",
            converter = DurationConverter.class)
    Duration scaleToZeroGrace;

    @Option(names = "--autoscaler-tick", description = "How often the autoscaler decides (default: 2s).", converter = DurationConverter.class)
    Duration autoscalerTick = Duration.ofSeconds(2);

    @Inject
    Vertx vertx;

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
            return; // the real parse reports it
        }
        System.setProperty("quarkus.http.port", Integer.toString(options.apiPort));
        System.setProperty("quarkus.http.host", options.host);
    }

    @Override
    public Integer call() throws Exception {
        AutoscalerDefaults knative = AutoscalerDefaults.knative();
        AutoscalerDefaults defaults = new AutoscalerDefaults(
                stableWindow == null ? knative.stableWindow() : stableWindow,
                scaleToZeroGrace == null ? knative.scaleToZeroGracePeriod() : scaleToZeroGrace,
                knative.containerConcurrencyTargetDefault(), knative.targetUtilization(), knative.initialScale(),
                knative.allowZeroInitialScale(), knative.enableScaleToZero());
        Path state = stateDir.toAbsolutePath();
        StandaloneSettings settings = new StandaloneSettings(state, host, port, domain, defaults, autoscalerTick);
        StandaloneWisp wisp = StandaloneWisp.start(settings, vertx);
        apiRoutes.attach(wisp);
        String api = "http://" + host + ":" + httpServer.getPort();
        System.out.printf("wisp up: ingress=http://%s:%d api=%s state=%s domain=%s%n",
                host, wisp.ingressPort(), api, state, domain);
        System.out.printf("Services answer at http://{name}.{namespace}.%s:%d ; try: wisp apply -f samples/hello/service.yaml%n",
                domain, wisp.ingressPort());
        System.out.flush();
        Quarkus.waitForExit();
        apiRoutes.detach();
        return 0;
    }
}
