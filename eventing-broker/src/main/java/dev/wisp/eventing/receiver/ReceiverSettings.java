package dev.wisp.eventing.receiver;

/**
 * Where the broker ingress listens and how large an event may be.
 *
 * @param host          the address to bind (127.0.0.1 standalone)
 * @param port          the port (8082 standalone; 0 picks a free one)
 * @param maxEventBytes the largest accepted request body; larger ones get 413
 */
public record ReceiverSettings(String host, int port, int maxEventBytes) {
    /** Knative's Kafka broker default: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

    public static ReceiverSettings defaults() {
        return new ReceiverSettings("127.0.0.1", 8082, DEFAULT_MAX_EVENT_BYTES);
    }

    public ReceiverSettings withPort(int newPort) {
        return new ReceiverSettings(host, newPort, maxEventBytes);
    }
}
