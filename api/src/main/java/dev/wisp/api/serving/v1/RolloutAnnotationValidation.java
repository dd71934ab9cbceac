package dev.wisp.api.serving.v1;

import dev.wisp.api.autoscaling.GoDuration;
import dev.wisp.api.validation.FieldErrors;
import java.time.Duration;
import java.util.Map;

/**
 * Validates the {@value #ROLLOUT_DURATION} annotation of a Service or Route as Knative does: a
 * non-negative duration such as {@code 120s} or {@code 2m}.
 */
final class RolloutAnnotationValidation {
    static final String ROLLOUT_DURATION = Serving.GROUP + "/rollout-duration";

    private RolloutAnnotationValidation() {
    }

    static void validate(String path, Map<String, String> annotations, FieldErrors errors) {
        String value = annotations == null ? null : annotations.get(ROLLOUT_DURATION);
        if (value == null) {
            return;
        }
        String at = path + "[" + ROLLOUT_DURATION + "]";
        try {
            Duration duration = GoDuration.parse(value.strip());
            if (duration.isNegative()) {
                errors.add(at, "must not be negative, got \"" + value + "\"");
            }
        } catch (IllegalArgumentException e) {
            errors.add(at, "expected a duration such as 120s or 2m, got \"" + value + "\"");
        }
    }
}
