package dev.wisp.eventing.reconciler;

import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.DeliveryCounts;
import dev.wisp.api.eventing.v1.Eventing;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.eventing.v1.TriggerStatus;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.eventing.delivery.policy.DeliveryRetryPolicy;
import dev.wisp.eventing.dispatcher.DeliveryTarget;
import dev.wisp.eventing.dispatcher.Dispatcher;
import dev.wisp.eventing.dispatcher.TriggerMetrics;
import dev.wisp.eventing.dispatcher.TriggerSubscription;
import dev.wisp.eventing.filter.EventFilter;
import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.kafka.KafkaNames;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a Trigger: resolves its broker, subscriber, dead-letter sink, filter and retry policy
 * into a {@link TriggerSubscription}, keeps its dispatcher running (stopped when it cannot run),
 * and reports it in status; when the Trigger is gone, its consumer group and parked topic go too.
 */
final class TriggerReconciler {
    private static final Logger LOG = Logger.getLogger(TriggerReconciler.class);

    private final ResourceStore store;
    private final BrokerTopics topics;
    private final Dispatcher dispatcher;
    private final DestinationResolver destinations;
    private final int maxInFlight;
    private final StatusWriter status;
    private final Clock clock;

    TriggerReconciler(ResourceStore store, BrokerTopics topics, Dispatcher dispatcher, DestinationResolver destinations,
                      int maxInFlight, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.dispatcher = dispatcher;
        this.destinations = destinations;
        this.maxInFlight = maxInFlight;
        this.status = new StatusWriter(store);
        this.clock = clock;
    }

    /** Reconciles; true when the Trigger should be looked at again soon (its consumer group is still starting). */
    boolean reconcile(String namespace, String name) {
        Optional<Trigger> found = store.get(Trigger.class, namespace, name);
        if (found.isEmpty()) {
            dispatcher.remove(namespace, name);
            topics.deleteTriggerResources(namespace, name);
            LOG.infof("trigger removed trigger=%s/%s", namespace, name);
            return false;
        }
        Trigger trigger = found.get();
        Instant now = clock.instant();
        TriggerStatus next = Optional.ofNullable(StatusWriter.copy(trigger.getStatus(), TriggerStatus.class)).orElseGet(TriggerStatus::new);
        next.setObservedGeneration(trigger.getMetadata().getGeneration());
        Optional<TriggerSubscription> subscription = plan(trigger, next, now);
        if (subscription.isEmpty()) {
            dispatcher.remove(namespace, name);
            next.markFalse(TriggerStatus.SUBSCRIPTION_READY, "NotSubscribed", "the trigger is not dispatching: see the other conditions", now);
            status.write(trigger, next);
            return false;
        }
        topics.ensureParkedTopic(namespace, name);
        dispatcher.apply(subscription.get());
        boolean ready = dispatcher.isReady(namespace, name);
        if (ready) {
            next.markTrue(TriggerStatus.SUBSCRIPTION_READY, now);
        } else {
            next.markUnknown(TriggerStatus.SUBSCRIPTION_READY, "ConsumerGroupStarting", "waiting for partitions of the broker's topic", now);
        }
        status.write(trigger, next);
        return !ready;
    }

    private Optional<TriggerSubscription> plan(Trigger trigger, TriggerStatus next, Instant now) {
        String namespace = trigger.getMetadata().getNamespace();
        String brokerName = trigger.getSpec().getBroker();
        Optional<Broker> broker = store.get(Broker.class, namespace, brokerName);
        if (broker.isEmpty() || broker.get().getStatus() == null || !broker.get().getStatus().isReady()) {
            next.markFalse(TriggerStatus.BROKER_READY, broker.isEmpty() ? "BrokerDoesNotExist" : "BrokerNotReady",
                    "Broker " + namespace + "/" + brokerName + (broker.isEmpty() ? " does not exist" : " is not ready"), now);
            return Optional.empty();
        }
        next.markTrue(TriggerStatus.BROKER_READY, now);
        DeliveryTarget subscriber;
        try {
            subscriber = destinations.resolve(trigger.getSpec().getSubscriber(), namespace);
            next.markSubscriberResolved(subscriber.displayUrl(), now);
        } catch (DestinationResolver.Unresolvable e) {
            next.markSubscriberNotResolved(e.reason(), "spec.subscriber: " + e.getMessage(), now);
            return Optional.empty();
        }
        DeliverySpec delivery = trigger.getSpec().getDelivery() != null ? trigger.getSpec().getDelivery()
                : broker.get().getSpec() == null ? null : broker.get().getSpec().getDelivery();
        Optional<DeliveryTarget> deadLetterSink = Optional.empty();
        if (delivery != null && delivery.getDeadLetterSink() != null) {
            try {
                deadLetterSink = Optional.of(destinations.resolve(delivery.getDeadLetterSink(), namespace));
            } catch (DestinationResolver.Unresolvable e) {
                next.markFalse(TriggerStatus.DEAD_LETTER_SINK_RESOLVED, e.reason(), "delivery.deadLetterSink: " + e.getMessage(), now);
                return Optional.empty();
            }
        }
        next.markDeadLetterSinkResolved(deadLetterSink.map(DeliveryTarget::displayUrl).orElse(null), now);
        EventFilter filter = EventFilter.compile(trigger.getSpec());
        DeliveryRetryPolicy policy = DeliveryRetryPolicy.of(trigger.getSpec().getDelivery(),
                broker.get().getSpec() == null ? null : broker.get().getSpec().getDelivery());
        return Optional.of(new TriggerSubscription(namespace, trigger.getMetadata().getName(),
                Objects.requireNonNullElse(trigger.getMetadata().getGeneration(), 0L),
                KafkaNames.brokerTopic(namespace, brokerName), filter::test, subscriber, deadLetterSink,
                new PolicyRetries(policy), ordered(trigger), maxInFlight,
                KafkaNames.parkedTopic(namespace, trigger.getMetadata().getName())));
    }

    private static boolean ordered(Trigger trigger) {
        var annotations = trigger.getMetadata().getAnnotations();
        return annotations != null && Eventing.ORDERED.equals(annotations.get(Eventing.DELIVERY_ORDER_ANNOTATION));
    }

    /** Writes the dispatcher's counts into the Trigger's status when they changed. */
    void refreshCounts(String namespace, String name) {
        Optional<Trigger> found = store.get(Trigger.class, namespace, name);
        Optional<TriggerMetrics.Snapshot> metrics = dispatcher.metrics(namespace, name);
        if (found.isEmpty() || metrics.isEmpty()) {
            return;
        }
        Trigger trigger = found.get();
        TriggerMetrics.Snapshot m = metrics.get();
        DeliveryCounts old = trigger.getStatus() == null ? null : trigger.getStatus().getDeliveryCounts();
        DeliveryCounts counts = new DeliveryCounts(m.received(), m.filtered(), m.delivered(), m.retried(),
                m.deadLettered(), m.parked(), m.lag(), clock.instant().toString());
        if (old != null && sameFigures(old, counts)) {
            return;
        }
        TriggerStatus next = Optional.ofNullable(StatusWriter.copy(trigger.getStatus(), TriggerStatus.class)).orElseGet(TriggerStatus::new);
        next.setDeliveryCounts(counts);
        status.write(trigger, next);
    }

    private static boolean sameFigures(DeliveryCounts a, DeliveryCounts b) {
        return Objects.equals(a.received(), b.received()) && Objects.equals(a.filtered(), b.filtered())
                && Objects.equals(a.delivered(), b.delivered()) && Objects.equals(a.retried(), b.retried())
                && Objects.equals(a.deadLettered(), b.deadLettered()) && Objects.equals(a.parked(), b.parked())
                && Objects.equals(a.lag(), b.lag());
    }
}
