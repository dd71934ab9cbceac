package dev.wisp.eventing.receiver;

/** A request that is not a valid CloudEvent; the message is the one-line reason the sender gets. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message);
    }
}
