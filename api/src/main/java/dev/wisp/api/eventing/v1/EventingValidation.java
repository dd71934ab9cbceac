package dev.wisp.api.eventing.v1;

import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.FieldErrors;
import dev.wisp.api.validation.KubernetesNames;
import dev.wisp.api.validation.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates Brokers and Triggers at admission (after {@link EventingDefaults}), collecting every
 * problem with its Knative-style field path ({@code spec.filters[0].cesql: ...}). Fields Wisp does
 * not know are rejected by name; see {@link FilterValidation}, {@link DeliveryValidation} and
 * {@link DestinationValidation} for the rules. Stateless and thread-safe.
 */
public final class EventingValidation {
    private static final Set<String> BROKER_CLASSES = Set.of(Eventing.KAFKA_BROKER_CLASS, Eventing.MT_CHANNEL_BROKER_CLASS);
    private static final Set<String> DELIVERY_ORDERS = Set.of(Eventing.ORDERED, Eventing.UNORDERED);

    /** Throws a {@link ValidationException} listing every problem of {@code resource}, if it has any. */
    public void validate(HasMetadata resource) {
        List<FieldError> errors = check(resource);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Every problem of an eventing resource; empty when it is valid. */
    public List<FieldError> check(HasMetadata resource) {
        FieldErrors errors = new FieldErrors();
        if (resource instanceof Broker broker) {
            checkBroker(broker, errors);
        } else if (resource instanceof Trigger trigger) {
            checkTrigger(trigger, errors);
        } else {
            errors.add("kind", "not an " + Eventing.API_VERSION + " kind: " + resource.getKind());
        }
        return errors.list();
    }

    private static void checkBroker(Broker broker, FieldErrors errors) {
        checkMetadata(broker.getMetadata(), errors);
        String brokerClass = annotation(broker.getMetadata(), Eventing.BROKER_CLASS_ANNOTATION);
        if (brokerClass != null && !BROKER_CLASSES.contains(brokerClass)) {
            errors.add("metadata.annotations." + Eventing.BROKER_CLASS_ANNOTATION,
                    "must be Kafka (Wisp's brokers are Kafka brokers) or MTChannelBasedBroker, got \"" + brokerClass + "\"");
        }
        BrokerSpec spec = broker.getSpec() == null ? new BrokerSpec() : broker.getSpec();
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        if (spec.getConfig() != null) {
            checkConfig(spec.getConfig(), errors);
        }
        DeliveryValidation.validate("spec.delivery", spec.getDelivery(), namespaceOf(broker), errors);
    }

    private static void checkConfig(dev.wisp.api.eventing.duck.KReference config, FieldErrors errors) {
        errors.unknownFields("spec.config", config.getUnknownFields(), Set.of());
        if (config.getName() == null || config.getName().isBlank()) {
            errors.add("spec.config.name", "required");
        }
        if (config.getKind() == null || config.getKind().isBlank()) {
            errors.add("spec.config.kind", "required");
        }
    }

    private static void checkTrigger(Trigger trigger, FieldErrors errors) {
        checkMetadata(trigger.getMetadata(), errors);
        String order = annotation(trigger.getMetadata(), Eventing.DELIVERY_ORDER_ANNOTATION);
        if (order != null && !DELIVERY_ORDERS.contains(order)) {
            errors.add("metadata.annotations." + Eventing.DELIVERY_ORDER_ANNOTATION,
                    "must be ordered or unordered, got \"" + order + "\"");
        }
        TriggerSpec spec = trigger.getSpec();
        if (spec == null) {
            errors.add("spec", "required");
            return;
        }
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        if (spec.getBroker() == null || spec.getBroker().isEmpty()) {
            errors.add("spec.broker", "required: the name of a Broker in the Trigger's namespace");
        } else {
            KubernetesNames.dns1123LabelProblem(spec.getBroker()).ifPresent(p -> errors.add("spec.broker", p));
        }
        FilterValidation.validateAttributes("spec.filter", spec.getFilter(), errors);
        FilterValidation.validateFilters("spec.filters", spec.getFilters(), errors);
        DestinationValidation.validate("spec.subscriber", spec.getSubscriber(), namespaceOf(trigger), errors);
        DeliveryValidation.validate("spec.delivery", spec.getDelivery(), namespaceOf(trigger), errors);
    }

    private static void checkMetadata(ObjectMeta metadata, FieldErrors errors) {
        if (metadata == null || metadata.getName() == null || metadata.getName().isEmpty()) {
            errors.add("metadata.name", "required");
        } else {
            KubernetesNames.dns1123LabelProblem(metadata.getName()).ifPresent(p -> errors.add("metadata.name", p));
        }
        if (metadata == null) {
            return;
        }
        if (metadata.getNamespace() != null && !metadata.getNamespace().isEmpty()) {
            KubernetesNames.dns1123LabelProblem(metadata.getNamespace()).ifPresent(p -> errors.add("metadata.namespace", p));
        }
        if (metadata.getGenerateName() != null) {
            errors.add("metadata.generateName", FieldErrors.NOT_SUPPORTED + "; set metadata.name");
        }
        errors.unknownFields("metadata", metadata.getAdditionalProperties(), Set.of());
    }

    private static String annotation(ObjectMeta metadata, String name) {
        Map<String, String> annotations = metadata == null ? null : metadata.getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private static String namespaceOf(HasMetadata resource) {
        return resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    }
}
