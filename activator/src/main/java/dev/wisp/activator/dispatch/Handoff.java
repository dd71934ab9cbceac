package dev.wisp.activator.dispatch;

import dev.wisp.activator.proxy.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a locked section of the {@link RevisionDispatcher} decided, carried out after the lock is
 * released: exchanges to forward and exchanges to refuse (each on its own event loop), and drains
 * to complete.
 */
final class Handoff {
    /** The common case, one exchange to start, without allocating a list. */
    private Exchange firstStarted;
    private List<Exchange> moreStarted = List.of();
    private List<Exchange> unavailable = List.of();
    private List<CompletableFuture<Void>> drained = List.of();

    void start(Exchange exchange) {
        if (firstStarted == null) {
            firstStarted = exchange;
            return;
        }
        if (moreStarted.isEmpty()) {
            moreStarted = new ArrayList<>();
        }
        moreStarted.add(exchange);
    }

    void unavailable(Exchange exchange) {
        if (unavailable.isEmpty()) {
            unavailable = new ArrayList<>();
        }
        unavailable.add(exchange);
    }

    void drained(List<CompletableFuture<Void>> futures) {
        if (futures.isEmpty()) {
            return;
        }
        if (drained.isEmpty()) {
            drained = new ArrayList<>();
        }
        drained.addAll(futures);
    }

    void run(RevisionDispatcher dispatcher) {
        if (firstStarted != null) {
            Exchange first = firstStarted;
            first.onLoop(() -> dispatcher.forward(first));
        }
        // Indexed loops: iterating the usual empty lists must not allocate.
        for (int i = 0; i < moreStarted.size(); i++) {
            Exchange exchange = moreStarted.get(i);
            exchange.onLoop(() -> dispatcher.forward(exchange));
        }
        for (int i = 0; i < unavailable.size(); i++) {
            Exchange exchange = unavailable.get(i);
            exchange.onLoop(() -> dispatcher.failUnavailable(exchange));
        }
        for (int i = 0; i < drained.size(); i++) {
            drained.get(i).complete(null);
        }
    }
}
