package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a Trigger's dispatcher has done since it started (Wisp's addition to {@code status}, shown by
 * {@code wisp describe trigger}): events received from the broker's topic, filtered out, delivered,
 * retried (tries after the first), dead-lettered and parked, the consumer {@code lag} (events in the
 * topic not yet resolved) and when these figures were taken ({@code updatedAt}, RFC 3339).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"received", "filtered", "delivered", "retried", "deadLettered", "parked", "lag", "updatedAt"})
public record DeliveryCounts(Long received, Long filtered, Long delivered, Long retried, Long deadLettered,
                             Long parked, Long lag, String updatedAt) {
}
