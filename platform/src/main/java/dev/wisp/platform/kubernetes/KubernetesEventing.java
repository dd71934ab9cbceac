package dev.wisp.platform.kubernetes;

import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.eventing.receiver.ReceiverSettings;
import dev.wisp.eventing.reconciler.EventingController;
import dev.wisp.eventing.reconciler.EventingParts;
import dev.wisp.eventing.reconciler.EventingSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The eventing roles of Kubernetes mode: the broker ingress ({@code eventing-receiver}: Brokers ->
 * topics on the configured Kafka, events -> Kafka) and the dispatchers ({@code eventing-dispatcher}:
 * Triggers -> consumers delivering to subscribers), both reading Brokers, Triggers and Services
 * from the API server through a {@link KubernetesResourceStore}.
 */
public final class KubernetesEventing implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesEventing.class);

    private final KubernetesResourceStore store;
    private final EventingController controller;

    private KubernetesEventing(KubernetesResourceStore store, EventingController controller) {
        this.store = store;
        this.controller = controller;
    }

    /** Starts the given parts of eventing; returns once the store has synced and the receiver (if any) listens. */
    public static KubernetesEventing start(KubernetesClient client, Vertx vertx, KubernetesSettings settings,
                                           EventingParts parts, Clock clock) throws Exception {
        if (settings.kafkaBootstrapServers() == null || settings.kafkaBootstrapServers().isBlank()) {
            throw new IllegalArgumentException("eventing roles need Kafka: set WISP_KAFKA_BOOTSTRAP_SERVERS "
                    + "(or --kafka) to the cluster's bootstrap servers");
        }
        // The receiver only needs Brokers; the dispatcher also Triggers and the Services they deliver to.
        KubernetesResourceStore store = new KubernetesResourceStore(client, parts.dispatcher()
                ? List.of(Broker.class, Trigger.class, Service.class) : List.of(Broker.class));
        EventingSettings eventing = EventingSettings.defaults(settings.kafkaBootstrapServers(), settings.domain(), 80)
                .withReceiver(new ReceiverSettings(settings.host(), settings.brokerPort(), ReceiverSettings.DEFAULT_MAX_EVENT_BYTES))
                .withActivator(settings.activatorHost(), settings.activatorPort());
        EventingController controller = new EventingController(store, vertx, eventing, clock, parts);
        try {
            store.start();
            int port = controller.start();
            LOG.infof("kubernetes eventing started parts=%s receiverPort=%d kafka=%s", parts, port,
                    settings.kafkaBootstrapServers());
        } catch (Exception | Error e) {
            controller.close();
            store.close();
            throw e;
        }
        return new KubernetesEventing(store, controller);
    }

    /** The port the broker ingress listens on; -1 in the dispatcher role. */
    public int receiverPort() {
        return controller.receiverPort();
    }

    /** Publishes the dispatchers' per-Trigger metrics (dispatcher role). */
    public void publishMetrics(MeterRegistry meters) {
        controller.dispatcher().publishMetrics(meters);
    }

    @Override
    public void close() {
        controller.close();
        store.close();
    }
}
