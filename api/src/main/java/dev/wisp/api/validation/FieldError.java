package dev.wisp.api.validation;

/**
 * One validation problem: the Knative-style path of the offending field
 * ({@code spec.traffic[1].percent}) and what is wrong with it. {@code toString()} is {@code path: message}.
 */
public record FieldError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
