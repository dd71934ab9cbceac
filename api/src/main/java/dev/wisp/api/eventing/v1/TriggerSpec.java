package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.serving.v1.UnknownFields;
import java.util.ArrayList;
import java.util.List;

/**
 * A Trigger's spec: the {@code broker} it subscribes to, which events pass ({@code filter.attributes},
 * or {@code filters} — which override {@code filter} when non-empty, as in Knative), the
 * {@code subscriber} they are delivered to, and the {@code delivery} (else the Broker's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"broker", "filter", "filters", "subscriber", "delivery"})
public class TriggerSpec extends UnknownFields {
    private String broker;
    private TriggerFilter filter;
    private List<SubscriptionsApiFilter> filters = new ArrayList<>();
    private Destination subscriber;
    private DeliverySpec delivery;

    public String getBroker() { return broker; }
    public void setBroker(String broker) { this.broker = broker; }
    public TriggerFilter getFilter() { return filter; }
    public void setFilter(TriggerFilter filter) { this.filter = filter; }
    public List<SubscriptionsApiFilter> getFilters() { return filters; }
    public void setFilters(List<SubscriptionsApiFilter> filters) { this.filters = filters == null ? new ArrayList<>() : filters; }
    public Destination getSubscriber() { return subscriber; }
    public void setSubscriber(Destination subscriber) { this.subscriber = subscriber; }
    public DeliverySpec getDelivery() { return delivery; }
    public void setDelivery(DeliverySpec delivery) { this.delivery = delivery; }
}
