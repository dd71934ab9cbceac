package dev.wisp.serving.kubernetes.resources;

import dev.wisp.api.autoscaling.GoDuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Serving;
import java.time.Duration;
import java.util.Map;

/**
 * How long a Revision's Deployment may take to get its pods available before the Revision fails:
 * Knative's {@code serving.knative.dev/progress-deadline} annotation (a Go duration), default 600 s.
 */
public final class ProgressDeadline {
    public static final String ANNOTATION = Serving.GROUP + "/progress-deadline";
    public static final Duration DEFAULT = Duration.ofSeconds(600);

    private ProgressDeadline() {
    }

    /** The revision's deadline; an unparseable or non-positive annotation falls back to the default. */
    public static Duration of(Revision revision) {
        Map<String, String> annotations = revision.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            Duration parsed = GoDuration.parse(value.trim());
            return parsed.isNegative() || parsed.isZero() ? DEFAULT : parsed;
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
