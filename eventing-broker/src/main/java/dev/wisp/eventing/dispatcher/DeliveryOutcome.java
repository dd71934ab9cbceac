package dev.wisp.eventing.dispatcher;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The answer to one HTTP delivery: the status ({@link #NO_RESPONSE} when none came), the body,
 * the {@code Retry-After} delay, any reply event already parsed, and a one-line error.
 */
public record DeliveryOutcome(int status, Buffer body, Optional<Duration> retryAfter,
                              Optional<io.cloudevents.CloudEvent> reply, String error) {
    /** The status standing for a network error or a timeout. */
    public static final int NO_RESPONSE = -1;

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    public static DeliveryOutcome failure(String error) {
        return new DeliveryOutcome(NO_RESPONSE, Buffer.buffer(), Optional.empty(), Optional.empty(), error);
    }
}
