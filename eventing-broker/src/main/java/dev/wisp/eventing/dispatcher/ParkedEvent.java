package dev.wisp.eventing.dispatcher;

import io.cloudevents.CloudEvent;

/** An event a Trigger could deliver neither to its subscriber nor to a dead-letter sink, kept in its parked topic. */
public record ParkedEvent(long offset, CloudEvent event, String reason, String parkedAt) {
}
