package dev.wisp.platform.cli;

import dev.wisp.platform.kubernetes.AutoscalerMetricsRoute;
import dev.wisp.platform.kubernetes.KubernetesSettings;
import dev.wisp.platform.kubernetes.KubernetesWisp;
import dev.wisp.platform.kubernetes.WispRoles;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wisp run}: Kubernetes mode — runs the roles named by {@code --roles} / {@code WISP_ROLES}
 * against the cluster's API server (in a pod: its service account; elsewhere: the kubeconfig) until
 * stopped. Every option also reads the {@code WISP_*} variable the Deployments under deploy/ set.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Wisp's roles on Kubernetes (the Deployments in deploy/ run this; see deploy/README.md).")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--roles", defaultValue = "${env:WISP_ROLES}", description = "Comma-separated roles, or all: "
            + "controller, activator, autoscaler, eventing-receiver, eventing-dispatcher (env WISP_ROLES).")
    String roles;

    @Option(names = "--namespace", defaultValue = "${env:WISP_NAMESPACE:-wisp-system}",
            description = "The namespace Wisp runs in (default: ${DEFAULT-VALUE}; env WISP_NAMESPACE).")
    String namespace;

    @Option(names = "--domain", defaultValue = "${env:WISP_DOMAIN:-example.com}",
            description = "Domain of service URLs {name}.{namespace}.{domain} (default: ${DEFAULT-VALUE}; env WISP_DOMAIN).")
    String domain;

    @Option(names = "--host", defaultValue = "${env:WISP_HOST:-127.0.0.1}",
            description = "Address the ingress and broker ports bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a pod; env WISP_HOST).")
    String host;

    @Option(names = "--port", defaultValue = "${env:WISP_INGRESS_PORT:-8080}",
            description = "Activator ingress port (default: ${DEFAULT-VALUE}; env WISP_INGRESS_PORT).")
    int port;

    @Option(names = "--broker-port", defaultValue = "${env:WISP_BROKER_PORT:-8082}",
            description = "Broker ingress port (default: ${DEFAULT-VALUE}; env WISP_BROKER_PORT).")
    int brokerPort;

    @Option(names = "--kafka", defaultValue = "${env:WISP_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers for the eventing roles (env WISP_KAFKA_BOOTSTRAP_SERVERS).")
    String kafka;

    @Option(names = "--autoscaler-url", defaultValue = "${env:WISP_AUTOSCALER_URL}",
            description = "Where activators report their metrics (env WISP_AUTOSCALER_URL).")
    String autoscalerUrl;

    @Option(names = "--activator-host", defaultValue = "${env:WISP_ACTIVATOR_HOST}",
            description = "Where the dispatcher sends events for Service refs (default: wisp-activator.{namespace}.svc; "
                    + "env WISP_ACTIVATOR_HOST).")
    String activatorHost;

    @Option(names = "--broker-url", defaultValue = "${env:WISP_BROKER_URL}",
            description = "The broker ingress as others reach it (default: http://wisp-eventing-receiver.{namespace}.svc; "
                    + "env WISP_BROKER_URL).")
    String brokerUrl;

    @Option(names = "--autoscaler-tick", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the autoscaler decides (default: ${DEFAULT-VALUE}).")
    Duration autoscalerTick;

    @CommandLine.Mixin
    AutoscalerOptions autoscaling = new AutoscalerOptions();

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    AutoscalerMetricsRoute metricsRoute;

    @Inject
    HttpServer httpServer;

    @Override
    public Integer call() throws Exception {
        KubernetesSettings settings = settings();
        checkApiServer();
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             KubernetesWisp wisp = KubernetesWisp.start(settings, autoscaling.defaults(), autoscalerTick,
                     new KubernetesWisp.Host(client, vertx, meterRegistry, metricsRoute, podName(), Clock.systemUTC()))) {
            System.out.printf("wisp run: roles=%s api=%d ingress=%s broker=%s namespace=%s domain=%s api-server=%s%n",
                    settings.roles(), httpServer.getPort(), port(wisp.ingressPort()), port(wisp.brokerPort()), namespace,
                    domain, client.getMasterUrl());
            System.out.flush();
            Quarkus.waitForExit();
        }
        return 0;
    }

    /**
     * Fails in one line, within seconds, when the API server does not answer: the roles' informers would
     * otherwise retry for long and end in stack traces. Any HTTP answer (even 403 or 404) is reachable.
     */
    private static void checkApiServer() {
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withConnectionTimeout(3_000)
                .withRequestTimeout(5_000).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build()) {
            probe.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0) {
                throw new CliException("cannot reach the Kubernetes API at " + config.getMasterUrl() + ": " + reason(e)
                        + " (in a pod: its service account; elsewhere: KUBECONFIG or ~/.kube/config)");
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    KubernetesSettings settings() {
        WispRoles parsed;
        try {
            parsed = WispRoles.parse(roles);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " (--roles or WISP_ROLES)");
        }
        String activator = activatorHost == null || activatorHost.isBlank() ? "wisp-activator." + namespace + ".svc" : activatorHost;
        String broker = brokerUrl == null || brokerUrl.isBlank() ? "http://wisp-eventing-receiver." + namespace + ".svc" : brokerUrl;
        return new KubernetesSettings(parsed, namespace, domain, host, port, brokerPort, kafka, autoscalerUrl,
                activator, 80, broker);
    }

    private static String port(int port) {
        return port < 0 ? "-" : Integer.toString(port);
    }

    private static String podName() {
        String hostname = System.getenv("HOSTNAME");
        return hostname == null || hostname.isBlank() ? "wisp-" + ProcessHandle.current().pid() : hostname;
    }
}
