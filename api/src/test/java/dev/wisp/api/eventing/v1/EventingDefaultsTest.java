package dev.wisp.api.eventing.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.codec.ResourceCodec;

import org.junit.jupiter.api.Test;

class EventingDefaultsTest {
    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void triggerGetsNamespaceEmptyFilterBrokerLabelAndRefNamespaces() {
        Trigger trigger = codec.read("""
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t}
                spec:
                  broker: orders
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: handler}
                  delivery:
                    deadLetterSink:
                      ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: dead}
                """, Trigger.class);

        EventingDefaults.apply(trigger);

        assertThat(trigger.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(trigger.getMetadata().getLabels()).containsEntry("eventing.knative.dev/broker", "orders");
        assertThat(trigger.getSpec().getFilter().getAttributes()).isEmpty();
        assertThat(trigger.getSpec().getSubscriber().getRef().getNamespace()).isEqualTo("default");
        assertThat(trigger.getSpec().getDelivery().getDeadLetterSink().getRef().getNamespace()).isEqualTo("default");
        assertThat(trigger.getSpec().getDelivery().getRetry()).as("delivery has no defaults").isNull();
    }

    @Test
    void brokerGetsTheKafkaClassAndKeepsAnExplicitOne() {
        Broker plain = codec.read("{\"apiVersion\":\"eventing.knative.dev/v1\",\"kind\":\"Broker\",\"metadata\":{\"name\":\"b\",\"namespace\":\"team\"}}", Broker.class);
        Broker mt = codec.read("{\"apiVersion\":\"eventing.knative.dev/v1\",\"kind\":\"Broker\",\"metadata\":{\"name\":\"b\","
                + "\"annotations\":{\"eventing.knative.dev/broker.class\":\"MTChannelBasedBroker\"}}}", Broker.class);

        EventingDefaults.apply(plain);
        EventingDefaults.apply(mt);

        assertThat(plain.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(plain.getMetadata().getAnnotations()).containsEntry(Eventing.BROKER_CLASS_ANNOTATION, "Kafka");
        assertThat(mt.getMetadata().getAnnotations()).containsEntry(Eventing.BROKER_CLASS_ANNOTATION, "MTChannelBasedBroker");
    }

    @Test
    void applyingTwiceChangesNothing() {
        Trigger trigger = codec.read("{\"apiVersion\":\"eventing.knative.dev/v1\",\"kind\":\"Trigger\",\"metadata\":{\"name\":\"t\"},"
                + "\"spec\":{\"broker\":\"b\",\"subscriber\":{\"uri\":\"http://127.0.0.1:1/\"}}}", Trigger.class);
        String once = codec.toYaml(EventingDefaults.apply(trigger));

        assertThat(codec.toYaml(EventingDefaults.apply(trigger))).isEqualTo(once);
    }
}
