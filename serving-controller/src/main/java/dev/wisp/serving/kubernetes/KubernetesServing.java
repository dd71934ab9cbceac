package dev.wisp.serving.kubernetes;

import dev.wisp.serving.controller.ServingSettings;
import dev.wisp.serving.kubernetes.controller.ChildWriter;
import dev.wisp.serving.kubernetes.controller.ConfigurationController;
import dev.wisp.serving.kubernetes.controller.RevisionController;
import dev.wisp.serving.kubernetes.controller.RouteController;
import dev.wisp.serving.kubernetes.controller.ServiceController;
import dev.wisp.serving.kubernetes.controller.StatusUpdater;
import dev.wisp.serving.reconciler.route.RouteDomain;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The serving control plane in Kubernetes mode: a Java Operator SDK operator whose controllers
 * reconcile Knative Services, Configurations, Revisions and Routes in every namespace into
 * Configurations, Routes, Revisions, Deployments and Services, sharing the planners of standalone mode.
 */
public final class KubernetesServing implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesServing.class);

    private final Operator operator;

    private KubernetesServing(Operator operator) {
        this.operator = operator;
    }

    /**
     * Starts the controllers against {@code client} (the client stays open on {@link #close()}).
     * Uses the settings' domain and URL port, autoscaler defaults (initial scale), resync interval
     * (status re-check) and rollout duration; revision retention is not applied in this mode.
     */
    public static KubernetesServing start(KubernetesClient client, ServingSettings settings, Clock clock) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .checkingCRDAndValidateLocalModel(false)
                .withUseSSAToPatchPrimaryResource(false));
        ChildWriter children = new ChildWriter(client);
        StatusUpdater statuses = new StatusUpdater(client);
        GenericRetry retry = GenericRetry.defaultLimitedExponentialRetry().setInitialInterval(200).setMaxAttempts(10);
        operator.register(new ServiceController(children, statuses, clock), o -> o.withRetry(retry)
                .withReconciliationMaxInterval(settings.resyncInterval()));
        operator.register(new ConfigurationController(children, statuses, clock), o -> o.withRetry(retry)
                .withReconciliationMaxInterval(settings.resyncInterval()));
        operator.register(new RevisionController(children, statuses, settings.autoscalerDefaults(),
                settings.resyncInterval(), clock), o -> o.withRetry(retry));
        operator.register(new RouteController(client, statuses, new RouteDomain(settings.domain(), settings.urlPort()),
                settings.rolloutDuration(), clock), o -> o.withRetry(retry)
                .withReconciliationMaxInterval(settings.resyncInterval()));
        operator.start();
        LOG.infof("kubernetes serving controllers started domain=%s urlPort=%d resync=%s", settings.domain(),
                settings.urlPort(), settings.resyncInterval());
        return new KubernetesServing(operator);
    }

    /** Stops the controllers and their informers. */
    @Override
    public void close() {
        operator.stop();
    }
}
