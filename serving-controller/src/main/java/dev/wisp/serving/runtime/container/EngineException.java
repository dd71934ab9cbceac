package dev.wisp.serving.runtime.container;

/** An error answer of the container engine's API: its HTTP status and the engine's own message. */
public final class EngineException extends RuntimeException {

    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the engine answered with, or 0 when the engine could not be reached. */
    public int status() {
        return status;
    }

    /** Whether the engine said the object (image, container) does not exist. */
    public boolean isNotFound() {
        return status == 404;
    }
}
