package dev.wisp.api.eventing.v1;

import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.duck.Destination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies Knative Eventing's defaults at admission, in place and idempotently:
 * <ul>
 *   <li>{@code metadata.namespace}: {@value #DEFAULT_NAMESPACE};</li>
 *   <li>Broker: the class annotation {@code eventing.knative.dev/broker.class: Kafka} when absent;</li>
 *   <li>Trigger: {@code spec.filter} = {@code {attributes: {}}} when absent, and the label
 *       {@code eventing.knative.dev/broker: <spec.broker>};</li>
 *   <li>the namespace of every {@code ref} (subscriber, dead-letter sink) = the resource's.</li>
 * </ul>
 * Delivery has no defaults: a Trigger without one uses its Broker's, else a single try.
 */
public final class EventingDefaults {
    public static final String DEFAULT_NAMESPACE = "default";

    private EventingDefaults() {
    }

    /** Applies the defaults of whichever eventing kind {@code resource} is; other kinds get only the namespace. */
    public static <T extends HasMetadata> T apply(T resource) {
        defaultNamespace(resource);
        if (resource instanceof Broker broker) {
            apply(broker);
        } else if (resource instanceof Trigger trigger) {
            apply(trigger);
        }
        return resource;
    }

    public static Broker apply(Broker broker) {
        defaultNamespace(broker);
        ObjectMeta meta = broker.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations());
        annotations.putIfAbsent(Eventing.BROKER_CLASS_ANNOTATION, Eventing.KAFKA_BROKER_CLASS);
        meta.setAnnotations(annotations);
        if (broker.getSpec() != null) {
            defaultDelivery(broker.getSpec().getDelivery(), meta.getNamespace());
        }
        return broker;
    }

    public static Trigger apply(Trigger trigger) {
        defaultNamespace(trigger);
        TriggerSpec spec = trigger.getSpec();
        if (spec == null) {
            return trigger;
        }
        String namespace = trigger.getMetadata().getNamespace();
        if (spec.getFilter() == null) {
            spec.setFilter(new TriggerFilter());
        }
        if (spec.getBroker() != null && !spec.getBroker().isEmpty()) {
            Map<String, String> labels = trigger.getMetadata().getLabels() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(trigger.getMetadata().getLabels());
            labels.put(Eventing.BROKER_LABEL, spec.getBroker());
            trigger.getMetadata().setLabels(labels);
        }
        defaultRefNamespace(spec.getSubscriber(), namespace);
        defaultDelivery(spec.getDelivery(), namespace);
        return trigger;
    }

    private static void defaultDelivery(DeliverySpec delivery, String namespace) {
        if (delivery != null) {
            defaultRefNamespace(delivery.getDeadLetterSink(), namespace);
        }
    }

    private static void defaultRefNamespace(Destination destination, String namespace) {
        if (destination != null && destination.getRef() != null
                && (destination.getRef().getNamespace() == null || destination.getRef().getNamespace().isEmpty())) {
            destination.getRef().setNamespace(namespace);
        }
    }

    private static void defaultNamespace(HasMetadata resource) {
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        String namespace = resource.getMetadata().getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            resource.getMetadata().setNamespace(DEFAULT_NAMESPACE);
        }
    }
}
