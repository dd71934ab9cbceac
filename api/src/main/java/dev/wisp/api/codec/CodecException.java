package dev.wisp.api.codec;

/**
 * Thrown when text cannot be read as Wisp resources: invalid YAML/JSON, a missing or unsupported
 * apiVersion/kind, or a value of the wrong type. The message is one line that says what was wrong
 * and where ({@code document 2: spec.template.spec.containerConcurrency: expected an integer, got "abc"}).
 */
public class CodecException extends RuntimeException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
