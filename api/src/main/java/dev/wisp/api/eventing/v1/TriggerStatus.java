package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import java.time.Instant;
import java.util.List;

/**
 * A Trigger's status: the resolved {@code subscriberUri} and {@code deadLetterSinkUri}, the
 * dispatcher's {@code deliveryCounts}, and the conditions {@value #BROKER_READY},
 * {@value #SUBSCRIBER_RESOLVED}, {@value #DEAD_LETTER_SINK_RESOLVED} and {@value #SUBSCRIPTION_READY}
 * (its consumer group runs), whose conjunction is Ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerStatus extends KnativeStatus {
    public static final String BROKER_READY = "BrokerReady";
    public static final String SUBSCRIBER_RESOLVED = "SubscriberResolved";
    public static final String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";
    public static final String SUBSCRIPTION_READY = "SubscriptionReady";

    private String subscriberUri;
    private String deadLetterSinkUri;
    private DeliveryCounts deliveryCounts;

    @Override
    protected List<String> readyDependents() {
        return List.of(BROKER_READY, SUBSCRIBER_RESOLVED, DEAD_LETTER_SINK_RESOLVED, SUBSCRIPTION_READY);
    }

    /** Sets {@code subscriberUri} and marks SubscriberResolved True. */
    public void markSubscriberResolved(String uri, Instant now) {
        subscriberUri = uri;
        markTrue(SUBSCRIBER_RESOLVED, now);
    }

    /** Clears {@code subscriberUri} and marks SubscriberResolved False with why. */
    public void markSubscriberNotResolved(String reason, String message, Instant now) {
        subscriberUri = null;
        markFalse(SUBSCRIBER_RESOLVED, reason, message, now);
    }

    /** Sets {@code deadLetterSinkUri} (null when there is none) and marks DeadLetterSinkResolved True, as Knative does for no sink too. */
    public void markDeadLetterSinkResolved(String uri, Instant now) {
        deadLetterSinkUri = uri;
        mark(DEAD_LETTER_SINK_RESOLVED, Condition.TRUE,
                uri == null ? "DeadLetterSinkNotConfigured" : null,
                uri == null ? "no dead-letter sink: undeliverable events are parked" : null, now);
    }

    public String getSubscriberUri() { return subscriberUri; }
    public void setSubscriberUri(String subscriberUri) { this.subscriberUri = subscriberUri; }
    public String getDeadLetterSinkUri() { return deadLetterSinkUri; }
    public void setDeadLetterSinkUri(String deadLetterSinkUri) { this.deadLetterSinkUri = deadLetterSinkUri; }
    public DeliveryCounts getDeliveryCounts() { return deliveryCounts; }
    public void setDeliveryCounts(DeliveryCounts deliveryCounts) { this.deliveryCounts = deliveryCounts; }
}
