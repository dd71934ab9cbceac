package dev.wisp.platform.kubernetes;

import dev.wisp.activator.Activator;
import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.kubernetes.HttpMetricsSink;
import dev.wisp.activator.kubernetes.KubernetesDataPlaneSource;
import dev.wisp.activator.kubernetes.KubernetesInstanceDirectory;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.autoscaling.MetricsSink;
import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.autoscaler.Autoscaler;
import dev.wisp.autoscaler.remote.MetricsEndpoint;
import dev.wisp.autoscaler.remote.RemoteMetricsInput;
import dev.wisp.build.kubernetes.KubernetesBuildController;
import dev.wisp.build.kubernetes.KubernetesBuildSettings;
import dev.wisp.eventing.reconciler.EventingParts;
import dev.wisp.platform.kubernetes.WispRoles.Role;
import dev.wisp.serving.controller.ServingSettings;
import dev.wisp.serving.kubernetes.KubernetesServing;
import dev.wisp.serving.kubernetes.scaling.KubernetesScaleTarget;
import dev.wisp.serving.kubernetes.scaling.RevisionScalingFeed;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Wisp in Kubernetes mode: starts the roles of {@link KubernetesSettings#roles()} against the API
 * server — the serving and build controllers, the autoscaler (Deployments' replicas, reports from activators
 * over HTTP), the activator (routing table from watches) and the eventing roles — and stops them in
 * the reverse order. With the autoscaler and the activator in one process they meet in memory.
 */
public final class KubernetesWisp implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesWisp.class);
    private static final Duration RESYNC = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int ingressPort = -1;
    private int brokerPort = -1;

    private KubernetesWisp() {
    }

    /** The collaborators a role needs from the application around it. */
    public record Host(KubernetesClient client, Vertx vertx, MeterRegistry meters, AutoscalerMetricsRoute metricsRoute,
                       String podName, Clock clock) {
    }

    /** Starts every role of {@code settings}; if one fails, stops those already started and rethrows. */
    public static KubernetesWisp start(KubernetesSettings settings, AutoscalerDefaults defaults, Duration autoscalerTick,
                                       Host host) throws Exception {
        KubernetesWisp wisp = new KubernetesWisp();
        try {
            wisp.startRoles(settings, defaults, autoscalerTick, host);
        } catch (Exception | Error e) {
            wisp.close();
            throw e;
        }
        LOG.infof("wisp kubernetes roles started roles=%s ingressPort=%d brokerPort=%d", settings.roles(),
                wisp.ingressPort, wisp.brokerPort);
        return wisp;
    }

    private void startRoles(KubernetesSettings settings, AutoscalerDefaults defaults, Duration tick, Host host)
            throws Exception {
        WispRoles roles = settings.roles();
        if (roles.has(Role.CONTROLLER)) {
            started.push(KubernetesServing.start(host.client(),
                    new ServingSettings(settings.domain(), 80, defaults, RESYNC), host.clock()));
            KubernetesBuildController builds = new KubernetesBuildController(host.client(),
                    KubernetesBuildSettings.defaults(), host.clock());
            started.push(builds);
            builds.start();
        }
        Autoscaler autoscaler = roles.has(Role.AUTOSCALER) ? startAutoscaler(defaults, tick, host) : null;
        if (roles.has(Role.ACTIVATOR)) {
            MetricsSink sink = autoscaler != null ? autoscaler : startMetricsSink(settings, host);
            startActivator(settings, sink, host);
        }
        EventingParts eventing = eventingParts(roles, settings.brokerUrl());
        if (eventing != null) {
            KubernetesEventing roleEventing = KubernetesEventing.start(host.client(), host.vertx(), settings, eventing,
                    host.clock());
            started.push(roleEventing);
            brokerPort = roleEventing.receiverPort();
            if (eventing.dispatcher()) {
                roleEventing.publishMetrics(host.meters());
            }
        }
    }

    private Autoscaler startAutoscaler(AutoscalerDefaults defaults, Duration tick, Host host) {
        KubernetesScaleTarget target = new KubernetesScaleTarget(host.client());
        started.push(target);
        Autoscaler autoscaler = new Autoscaler(target, host.clock(), tick, host.meters());
        started.push(autoscaler);
        started.push(new RevisionScalingFeed(host.client(), autoscaler, defaults));
        RemoteMetricsInput input = new RemoteMetricsInput(autoscaler, host.clock());
        started.push(input);
        input.start(host.vertx());
        host.metricsRoute().attach(new MetricsEndpoint(input));
        started.push(host.metricsRoute()::detach);
        autoscaler.start();
        return autoscaler;
    }

    private MetricsSink startMetricsSink(KubernetesSettings settings, Host host) {
        if (settings.autoscalerUrl() == null || settings.autoscalerUrl().isBlank()) {
            throw new IllegalArgumentException("the activator role needs the autoscaler's URL: set WISP_AUTOSCALER_URL "
                    + "(or --autoscaler-url), e.g. http://wisp-autoscaler.wisp-system.svc:8081");
        }
        HttpMetricsSink sink = new HttpMetricsSink(host.vertx(), URI.create(settings.autoscalerUrl()), host.podName(),
                host.clock());
        started.push(sink);
        sink.start();
        return sink;
    }

    private void startActivator(KubernetesSettings settings, MetricsSink sink, Host host) throws Exception {
        ConcurrentRoutingTable routes = new ConcurrentRoutingTable();
        KubernetesInstanceDirectory instances = new KubernetesInstanceDirectory();
        KubernetesDataPlaneSource source = new KubernetesDataPlaneSource(host.client(), settings.domain(), routes, instances);
        started.push(source);
        source.start().get(60, TimeUnit.SECONDS);
        // Loop affinity AUTO: the loops are pinned only when the pod has CPUs of its own (the kubelet's static CPU
        // manager gives a Guaranteed pod an exclusive cpuset); under a CPU quota the JVM counts fewer processors
        // than the CPUs it may use, and the loops stay unpinned.
        Activator activator = new Activator(host.vertx(),
                ActivatorSettings.defaults().withHost(settings.host()).withPort(settings.ingressPort()),
                routes, instances, sink, host.clock(), host.meters());
        ingressPort = activator.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        started.push(() -> activator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    static EventingParts eventingParts(WispRoles roles, String brokerUrl) {
        boolean receiver = roles.has(Role.EVENTING_RECEIVER);
        boolean dispatcher = roles.has(Role.EVENTING_DISPATCHER);
        if (!receiver && !dispatcher) {
            return null;
        }
        return new EventingParts(receiver, dispatcher, brokerUrl);
    }

    /** The activator's ingress port; -1 without the activator role. */
    public int ingressPort() {
        return ingressPort;
    }

    /** The broker ingress port; -1 without the eventing-receiver role. */
    public int brokerPort() {
        return brokerPort;
    }

    /** Stops the roles, last started first; idempotent. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warnf("stop failed part=%s error=%s", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
