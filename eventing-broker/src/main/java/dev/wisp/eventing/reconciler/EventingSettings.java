package dev.wisp.eventing.reconciler;

import dev.wisp.eventing.kafka.TopicSettings;
import dev.wisp.eventing.receiver.ReceiverSettings;
import java.time.Duration;

/**
 * Settings of standalone eventing.
 *
 * @param bootstrap          Kafka's {@code host:port} (the embedded broker's or {@code --kafka})
 * @param receiver           where the broker ingress listens
 * @param domain             the domain of Service hosts ({@code {name}.{namespace}.{domain}})
 * @param activatorHost      the address of the ingress that routes by Host (the activator)
 * @param activatorPort      its port; events for a Service ref are POSTed there
 * @param topics             partitions and retention of the topics
 * @param maxInFlight        events a Trigger delivers at once (unordered)
 * @param resyncInterval     how often every Broker and Trigger is reconciled again
 * @param countsInterval     how often the dispatchers' counts are written into Trigger status
 */
public record EventingSettings(String bootstrap, ReceiverSettings receiver, String domain, String activatorHost,
                               int activatorPort, TopicSettings topics, int maxInFlight, Duration resyncInterval,
                               Duration countsInterval) {

    public static EventingSettings defaults(String bootstrap, String domain, int activatorPort) {
        return new EventingSettings(bootstrap, ReceiverSettings.defaults(), domain, "127.0.0.1", activatorPort,
                TopicSettings.defaults(), 100, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public EventingSettings withReceiver(ReceiverSettings newReceiver) {
        return new EventingSettings(bootstrap, newReceiver, domain, activatorHost, activatorPort, topics, maxInFlight,
                resyncInterval, countsInterval);
    }

    /** Events for a Service ref are POSTed to {@code host:port} (the activator), with the Service's Host header. */
    public EventingSettings withActivator(String host, int port) {
        return new EventingSettings(bootstrap, receiver, domain, host, port, topics, maxInFlight, resyncInterval,
                countsInterval);
    }

    public EventingSettings withTopics(TopicSettings newTopics) {
        return new EventingSettings(bootstrap, receiver, domain, activatorHost, activatorPort, newTopics, maxInFlight,
                resyncInterval, countsInterval);
    }
}
