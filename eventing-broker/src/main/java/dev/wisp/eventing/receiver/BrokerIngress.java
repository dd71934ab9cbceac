package dev.wisp.eventing.receiver;

/** A Broker the receiver accepts events for, and the Kafka topic its events go to. */
public record BrokerIngress(String namespace, String name, String topic) {
}
