package dev.wisp.eventing.reconciler;

/**
 * Which parts of eventing one process runs: standalone runs both; in Kubernetes mode the
 * {@code eventing-receiver} role runs the broker ingress and the Broker reconciler, the
 * {@code eventing-dispatcher} role the Trigger reconciler and its dispatchers.
 *
 * @param receiver    the broker ingress, Brokers' topics and their status
 * @param dispatcher  Triggers' consumers, deliveries and their status
 * @param receiverUrl the broker ingress's address as others reach it (Broker {@code status.address} and
 *                    where replies go); {@code null} = this process's own receiver, {@code http://host:port}
 */
public record EventingParts(boolean receiver, boolean dispatcher, String receiverUrl) {
    /** Everything in one process, addressed at the local receiver (standalone). */
    public static final EventingParts ALL = new EventingParts(true, true, null);

    public EventingParts {
        if (!receiver && !dispatcher) {
            throw new IllegalArgumentException("eventing parts: at least one of receiver and dispatcher must run");
        }
        if (!receiver && (receiverUrl == null || receiverUrl.isBlank())) {
            throw new IllegalArgumentException("eventing parts: a dispatcher without a local receiver needs the receiver's URL");
        }
    }

    /** The broker ingress role of Kubernetes mode, reached by others at {@code receiverUrl}. */
    public static EventingParts receiverOnly(String receiverUrl) {
        return new EventingParts(true, false, receiverUrl);
    }

    /** The dispatcher role of Kubernetes mode; replies go to the receiver at {@code receiverUrl}. */
    public static EventingParts dispatcherOnly(String receiverUrl) {
        return new EventingParts(false, true, receiverUrl);
    }
}
