package dev.wisp.api.eventing.duck;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wisp.api.serving.v1.UnknownFields;

/**
 * Knative's {@code DeliverySpec}: how often and how patiently an event is retried, and where it goes
 * when every try failed. Durations ({@code backoffDelay}, {@code timeout}, {@code retryAfterMax}) are
 * ISO-8601 strings ({@code PT0.2S}) as in Knative; {@code backoffPolicy} is {@value #LINEAR} or
 * {@value #EXPONENTIAL}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"deadLetterSink", "retry", "backoffPolicy", "backoffDelay", "timeout", "retryAfterMax"})
public class DeliverySpec extends UnknownFields {
    public static final String LINEAR = "linear";
    public static final String EXPONENTIAL = "exponential";

    private Destination deadLetterSink;
    private Integer retry;
    private String backoffPolicy;
    private String backoffDelay;
    private String timeout;
    private String retryAfterMax;

    public Destination getDeadLetterSink() { return deadLetterSink; }
    public void setDeadLetterSink(Destination deadLetterSink) { this.deadLetterSink = deadLetterSink; }
    public Integer getRetry() { return retry; }
    public void setRetry(Integer retry) { this.retry = retry; }
    public String getBackoffPolicy() { return backoffPolicy; }
    public void setBackoffPolicy(String backoffPolicy) { this.backoffPolicy = backoffPolicy; }
    public String getBackoffDelay() { return backoffDelay; }
    public void setBackoffDelay(String backoffDelay) { this.backoffDelay = backoffDelay; }
    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
    public String getRetryAfterMax() { return retryAfterMax; }
    public void setRetryAfterMax(String retryAfterMax) { this.retryAfterMax = retryAfterMax; }
}
