package dev.wisp.eventing.reconciler;

import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.BrokerStatus;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.receiver.BrokerIngress;
import dev.wisp.eventing.receiver.ConcurrentBrokerDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a Broker: its Kafka topic exists, the receiver accepts events for it, and its status
 * says Ready with {@code address.url}; when it is gone, the ingress and the topic go too.
 */
final class BrokerReconciler {
    private static final Logger LOG = Logger.getLogger(BrokerReconciler.class);

    private final ResourceStore store;
    private final BrokerTopics topics;
    private final ConcurrentBrokerDirectory directory;
    private final String receiverBase;
    private final StatusWriter status;
    private final Clock clock;

    BrokerReconciler(ResourceStore store, BrokerTopics topics, ConcurrentBrokerDirectory directory, String receiverBase,
                     Clock clock) {
        this.store = store;
        this.topics = topics;
        this.directory = directory;
        this.receiverBase = receiverBase;
        this.status = new StatusWriter(store);
        this.clock = clock;
    }

    void reconcile(String namespace, String name) {
        Optional<Broker> found = store.get(Broker.class, namespace, name);
        if (found.isEmpty()) {
            directory.unregister(namespace, name);
            topics.deleteBrokerTopic(namespace, name);
            LOG.infof("broker removed broker=%s/%s", namespace, name);
            return;
        }
        Broker broker = found.get();
        Instant now = clock.instant();
        BrokerStatus next = StatusWriter.copy(broker.getStatus(), BrokerStatus.class);
        next = next == null ? new BrokerStatus() : next;
        next.setObservedGeneration(broker.getMetadata().getGeneration());
        String topic;
        try {
            topic = topics.ensureBrokerTopic(namespace, name);
        } catch (RuntimeException e) {
            next.markFalse(BrokerStatus.TOPIC_READY, "TopicNotCreated", "Kafka topic not created: " + e.getMessage(), now);
            status.write(broker, next);
            throw e;
        }
        next.markTrue(BrokerStatus.TOPIC_READY, now);
        directory.register(new BrokerIngress(namespace, name, topic));
        next.markTrue(BrokerStatus.INGRESS_READY, now);
        next.markAddress(receiverBase + "/" + namespace + "/" + name, now);
        status.write(broker, next);
    }
}
