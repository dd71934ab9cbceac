package dev.wisp.eventing.kafka;

/** Names of the Kafka topics and consumer groups that Brokers and Triggers own. */
public final class KafkaNames {

    private KafkaNames() {
    }

    /** The topic holding a Broker's events: {@code wisp-broker-{namespace}-{name}}. */
    public static String brokerTopic(String namespace, String broker) {
        return "wisp-broker-" + namespace + "-" + broker;
    }

    /** The consumer group of a Trigger: {@code wisp-trigger-{namespace}-{name}}. */
    public static String triggerGroup(String namespace, String trigger) {
        return "wisp-trigger-" + namespace + "-" + trigger;
    }

    /** The topic a Trigger parks the events it could not deliver nor dead-letter in. */
    public static String parkedTopic(String namespace, String trigger) {
        return "wisp-trigger-" + namespace + "-" + trigger + "-parked";
    }
}
