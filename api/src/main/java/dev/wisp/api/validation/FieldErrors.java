package dev.wisp.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the {@link FieldError}s found while validating one resource, so that all of them are reported at once. */
public final class FieldErrors {
    /** The message for a field Kubernetes or Knative defines but Wisp does not implement. */
    public static final String NOT_SUPPORTED = "not supported by Wisp";

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String path, String message) {
        errors.add(new FieldError(path, message));
        return this;
    }

    /** Reports a field Wisp does not implement. */
    public FieldErrors notSupported(String path) {
        return add(path, NOT_SUPPORTED);
    }

    /**
     * Reports each field the model kept as unknown: as {@value #NOT_SUPPORTED} when Kubernetes or
     * Knative defines it ({@code knownElsewhere}), otherwise as an unknown field (likely a typo).
     */
    public FieldErrors unknownFields(String path, Map<String, ?> fields, Set<String> knownElsewhere) {
        if (fields == null) {
            return this;
        }
        for (String name : fields.keySet()) {
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            add(fieldPath, knownElsewhere.contains(name) ? NOT_SUPPORTED : "unknown field");
        }
        return this;
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a {@link ValidationException} with every error collected, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
