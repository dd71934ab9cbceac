package dev.wisp.api.eventing.v1;

import dev.wisp.api.eventing.duck.DeliverySpec;
import dev.wisp.api.eventing.duck.IsoDurations;
import dev.wisp.api.validation.FieldErrors;
import java.util.Set;

/**
 * Validates a {@code delivery} block: {@code retry} is not negative, {@code backoffPolicy} is linear
 * or exponential, {@code backoffDelay}, {@code timeout} and {@code retryAfterMax} are ISO-8601
 * durations, and the {@code deadLetterSink} is a valid destination.
 */
final class DeliveryValidation {
    private DeliveryValidation() {
    }

    static void validate(String path, DeliverySpec delivery, String namespace, FieldErrors errors) {
        if (delivery == null) {
            return;
        }
        errors.unknownFields(path, delivery.getUnknownFields(), Set.of("format", "deadLetterSinkCACerts", "deadLetterSinkAudience"));
        if (delivery.getRetry() != null && delivery.getRetry() < 0) {
            errors.add(path + ".retry", "must be 0 or more, got " + delivery.getRetry());
        }
        String policy = delivery.getBackoffPolicy();
        if (policy != null && !policy.equals(DeliverySpec.LINEAR) && !policy.equals(DeliverySpec.EXPONENTIAL)) {
            errors.add(path + ".backoffPolicy", "must be linear or exponential, got \"" + policy + "\"");
        }
        duration(path + ".backoffDelay", delivery.getBackoffDelay(), errors);
        duration(path + ".timeout", delivery.getTimeout(), errors);
        duration(path + ".retryAfterMax", delivery.getRetryAfterMax(), errors);
        if (delivery.getDeadLetterSink() != null) {
            DestinationValidation.validate(path + ".deadLetterSink", delivery.getDeadLetterSink(), namespace, errors);
        }
    }

    private static void duration(String path, String value, FieldErrors errors) {
        if (value != null) {
            IsoDurations.problem(value).ifPresent(p -> errors.add(path, p));
        }
    }
}
