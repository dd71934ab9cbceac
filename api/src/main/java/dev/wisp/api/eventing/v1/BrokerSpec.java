package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.duck.KReference;
import dev.wisp.api.serving.v1.UnknownFields;

/**
 * A Broker's spec: an optional {@code config} reference (Knative points it at a ConfigMap with the
 * Kafka settings) and the {@code delivery} its Triggers use when they have none of their own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerSpec extends UnknownFields {
    private KReference config;
    private DeliverySpec delivery;

    public KReference getConfig() { return config; }
    public void setConfig(KReference config) { this.config = config; }
    public DeliverySpec getDelivery() { return delivery; }
    public void setDelivery(DeliverySpec delivery) { this.delivery = delivery; }
}
