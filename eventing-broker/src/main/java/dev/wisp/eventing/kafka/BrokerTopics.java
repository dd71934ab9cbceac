package dev.wisp.eventing.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Creates and deletes, through the Kafka Admin client, the topics Brokers and Triggers own (a
 * Broker's events, a Trigger's parked events) and a Trigger's consumer group. Every call is
 * idempotent and blocks for at most the Admin client's timeout.
 */
public final class BrokerTopics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BrokerTopics.class);
    private static final long TIMEOUT_SECONDS = 20;

    private final Admin admin;
    private final TopicSettings settings;

    public BrokerTopics(String bootstrap, TopicSettings settings) {
        this.admin = Admin.create(KafkaClientConfigs.admin(bootstrap));
        this.settings = settings;
    }

    /** Creates {@code wisp-broker-{namespace}-{name}} unless it exists; returns its name. */
    public String ensureBrokerTopic(String namespace, String broker) {
        String topic = KafkaNames.brokerTopic(namespace, broker);
        create(new NewTopic(topic, settings.partitions(), (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis()))));
        return topic;
    }

    public void deleteBrokerTopic(String namespace, String broker) {
        delete(KafkaNames.brokerTopic(namespace, broker));
    }

    /** Creates the Trigger's parked-events topic (one partition: parked events list in order). */
    public String ensureParkedTopic(String namespace, String trigger) {
        String topic = KafkaNames.parkedTopic(namespace, trigger);
        create(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.parkedRetention().toMillis()))));
        return topic;
    }

    /** Deletes the Trigger's parked-events topic and its consumer group. */
    public void deleteTriggerResources(String namespace, String trigger) {
        delete(KafkaNames.parkedTopic(namespace, trigger));
        String group = KafkaNames.triggerGroup(namespace, trigger);
        try {
            await(admin.deleteConsumerGroups(List.of(group)).all());
            LOG.infof("consumer group deleted group=%s", group);
        } catch (KafkaAdminException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException) && !(e.getCause() instanceof GroupNotEmptyException)) {
                throw e;
            }
        }
    }

    public boolean topicExists(String topic) {
        Set<String> names = await(admin.listTopics().names());
        return names.contains(topic);
    }

    private void create(NewTopic topic) {
        try {
            await(admin.createTopics(List.of(topic)).all());
            LOG.infof("topic created topic=%s partitions=%d", topic.name(), topic.numPartitions());
        } catch (KafkaAdminException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void delete(String topic) {
        try {
            await(admin.deleteTopics(List.of(topic)).all());
            LOG.infof("topic deleted topic=%s", topic);
        } catch (KafkaAdminException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaAdminException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    /** A Kafka Admin operation that failed; the cause is Kafka's own exception. */
    public static final class KafkaAdminException extends RuntimeException {
        KafkaAdminException(Throwable cause) {
            super("Kafka admin operation failed: " + cause, cause);
        }
    }
}
