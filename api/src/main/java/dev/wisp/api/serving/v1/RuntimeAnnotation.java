package dev.wisp.api.serving.v1;

import dev.wisp.api.validation.FieldErrors;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@value #KEY} annotation of a revision template: which standalone workload runtime runs the
 * revision, {@code process} (its command as a local process) or {@code container} (its image through
 * a container engine). Without it, the runtime {@code wisp up} was started with decides.
 */
public final class RuntimeAnnotation {
    public static final String KEY = "wisp.dev/runtime";
    public static final String PROCESS = "process";
    public static final String CONTAINER = "container";

    private RuntimeAnnotation() {
    }

    /** The runtime the annotations ask for ({@value #PROCESS} or {@value #CONTAINER}), if any. */
    public static Optional<String> of(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(KEY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Reports a value other than {@value #PROCESS} or {@value #CONTAINER} under {@code path[wisp.dev/runtime]}. */
    public static void validate(String path, Map<String, String> annotations, FieldErrors errors) {
        String value = annotations == null ? null : annotations.get(KEY);
        if (value == null) {
            return;
        }
        String runtime = value.strip().toLowerCase(Locale.ROOT);
        if (!runtime.equals(PROCESS) && !runtime.equals(CONTAINER)) {
            errors.add(path + "[" + KEY + "]", "expected \"" + PROCESS + "\" or \"" + CONTAINER + "\", got \"" + value + "\"");
        }
    }
}
