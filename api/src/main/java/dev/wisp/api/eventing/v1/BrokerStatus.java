package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.Addressable;
import dev.wisp.api.status.KnativeStatus;
import java.time.Instant;
import java.util.List;

/**
 * A Broker's status: {@code address.url} (the ingress URL events are posted to) and the conditions
 * {@value #TOPIC_READY} (its Kafka topic exists), {@value #INGRESS_READY} (the receiver accepts
 * events for it) and {@value #ADDRESSABLE}, whose conjunction is Ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerStatus extends KnativeStatus {
    public static final String TOPIC_READY = "TopicReady";
    public static final String INGRESS_READY = "IngressReady";
    public static final String ADDRESSABLE = "Addressable";

    private Addressable address;
    private String deadLetterSinkUri;

    @Override
    protected List<String> readyDependents() {
        return List.of(TOPIC_READY, INGRESS_READY, ADDRESSABLE);
    }

    /** Sets {@code address.url} and marks Addressable True (False with reason NoAddress when {@code url} is null). */
    public void markAddress(String url, Instant now) {
        if (url == null) {
            address = null;
            markFalse(ADDRESSABLE, "NoAddress", "the broker has no ingress URL yet", now);
        } else {
            address = new Addressable(url);
            markTrue(ADDRESSABLE, now);
        }
    }

    public Addressable getAddress() { return address; }
    public void setAddress(Addressable address) { this.address = address; }
    public String getDeadLetterSinkUri() { return deadLetterSinkUri; }
    public void setDeadLetterSinkUri(String deadLetterSinkUri) { this.deadLetterSinkUri = deadLetterSinkUri; }
}
