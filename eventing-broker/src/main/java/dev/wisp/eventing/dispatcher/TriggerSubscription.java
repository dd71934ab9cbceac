package dev.wisp.eventing.dispatcher;

import io.cloudevents.CloudEvent;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything a Trigger's dispatcher needs, resolved by the reconciler from the Trigger and its
 * Broker: the topic to read, which events pass, where they go, how failures are retried, where
 * replies go, and the ordering.
 *
 * @param generation    the Trigger's generation this was resolved from (a new one restarts the dispatcher)
 * @param maxInFlight   events delivered at once (unordered); ordered delivers one per partition
 */
public record TriggerSubscription(String namespace, String name, long generation, String topic,
                                  Predicate<CloudEvent> filter, DeliveryTarget subscriber,
                                  Optional<DeliveryTarget> deadLetterSink, RetryPolicy retryPolicy,
                                  boolean ordered, int maxInFlight, String parkedTopic) {

    /** The annotation that asks for ordered delivery, as in Knative's Kafka broker. */
    public static final String DELIVERY_ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";

    public String key() {
        return namespace + "/" + name;
    }

    /** Whether {@code other} describes the same delivery (a restart is not needed to get it). */
    public boolean sameAs(TriggerSubscription other) {
        return other != null && generation == other.generation && topic.equals(other.topic)
                && subscriber.equals(other.subscriber) && deadLetterSink.equals(other.deadLetterSink)
                && ordered == other.ordered && maxInFlight == other.maxInFlight
                // the Broker's delivery applies when the Trigger has none: a Broker change restarts it
                && retryPolicy.equals(other.retryPolicy);
    }
}
