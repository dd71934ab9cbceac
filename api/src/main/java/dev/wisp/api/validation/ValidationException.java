package dev.wisp.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a resource is invalid; carries every problem found, and its message lists them joined by "; ". */
public class ValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
