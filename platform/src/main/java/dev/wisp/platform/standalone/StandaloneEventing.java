package dev.wisp.platform.standalone;

import dev.wisp.api.store.ResourceStore;
import dev.wisp.eventing.dispatcher.Dispatcher;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.EmbeddedKafkaSettings;
import dev.wisp.eventing.receiver.ReceiverSettings;
import dev.wisp.eventing.reconciler.EventingController;
import dev.wisp.eventing.reconciler.EventingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Standalone eventing: the embedded Kafka (a child JVM with its data under {@code state/kafka}) or
 * an external one, and the {@link EventingController} (broker ingress, dispatchers, reconcilers).
 */
public final class StandaloneEventing implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StandaloneEventing.class);

    private final EmbeddedKafka kafka;
    private final EventingController controller;
    private final String bootstrap;

    private StandaloneEventing(EmbeddedKafka kafka, EventingController controller, String bootstrap) {
        this.kafka = kafka;
        this.controller = controller;
        this.bootstrap = bootstrap;
    }

    /** Starts Kafka (unless external) and the eventing controller; returns once the broker ingress listens. */
    public static StandaloneEventing start(EventingOptions options, ResourceStore store, Vertx vertx, Path stateDir,
                                           String host, String domain, int ingressPort, Clock clock,
                                           Consumer<EmbeddedKafka> starting) throws Exception {
        EmbeddedKafka kafka = null;
        String bootstrap = options.kafka();
        if (bootstrap == null || bootstrap.isBlank()) {
            kafka = new EmbeddedKafka(EmbeddedKafkaSettings.defaults(stateDir.resolve("kafka"), options.kafkaLibDir()));
            starting.accept(kafka);
            try {
                bootstrap = kafka.start();
            } catch (Exception e) {
                kafka.close();
                throw e;
            }
        }
        EventingSettings settings = EventingSettings.defaults(bootstrap, domain, ingressPort)
                .withReceiver(new ReceiverSettings(host, options.brokerPort(), ReceiverSettings.DEFAULT_MAX_EVENT_BYTES));
        EventingController controller = new EventingController(store, vertx, settings, clock);
        try {
            int port = controller.start();
            LOG.infof("eventing ready kafka=%s brokerIngress=http://%s:%d", bootstrap, host, port);
        } catch (Exception e) {
            controller.close();
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
        return new StandaloneEventing(kafka, controller, bootstrap);
    }

    public Dispatcher dispatcher() {
        return controller.dispatcher();
    }

    /** Publishes every Trigger's metrics (received, delivered, retried, ..., latency, lag) to {@code meters}. */
    public void publishMetrics(MeterRegistry meters) {
        controller.dispatcher().publishMetrics(meters);
    }

    public int brokerPort() {
        return controller.receiverPort();
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Stops the controller (dispatchers commit what they resolved), then the embedded Kafka. */
    @Override
    public void close() {
        controller.close();
        if (kafka != null) {
            kafka.close();
        }
    }
}
