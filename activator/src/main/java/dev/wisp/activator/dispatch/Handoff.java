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
    final List<Exchange> unavailable = new ArrayList<>(0);
    final List<CompletableFuture<Void>> drained = new ArrayList<>(0);

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

    void run(RevisionDispatcher dispatcher) {
        if (firstStarted != null) {
            firstStarted.onLoop(() -> dispatcher.forward(firstStarted));
        }
        for (Exchange exchange : moreStarted) {
            exchange.onLoop(() -> dispatcher.forward(exchange));
        }
        for (Exchange exchange : unavailable) {
            exchange.onLoop(() -> dispatcher.failUnavailable(exchange));
        }
        drained.forEach(future -> future.complete(null));
    }
}
