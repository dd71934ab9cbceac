package dev.wisp.serving.reconciler.route;

import dev.wisp.api.autoscaling.GoDuration;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout duration that applies to a Route: its own {@value #ANNOTATION} annotation, else its
 * owning Service's, else the global setting. A value that does not parse counts as absent
 * (admission rejects such values on Services and Routes).
 */
public final class RolloutDurations {
    public static final String ANNOTATION = "serving.knative.dev/rollout-duration";

    private RolloutDurations() {
    }

    public static Duration effective(Route route, Optional<Service> owner, Duration global) {
        return of(route).or(() -> owner.flatMap(RolloutDurations::of)).orElse(global);
    }

    /** The annotation's duration on one resource, if set and valid. */
    static Optional<Duration> of(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String text = annotations == null ? null : annotations.get(ANNOTATION);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration duration = GoDuration.parse(text.strip());
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
