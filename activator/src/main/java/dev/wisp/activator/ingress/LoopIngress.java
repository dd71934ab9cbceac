package dev.wisp.activator.ingress;

import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.handler.HostRouter;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.activator.timing.LoopDeadlines;

/**
 * What one event loop of the ingress owns: its handler chain (with the loop's revision gate and
 * deadlines), its connection pool to instances, and the guard over its client connections.
 */
record LoopIngress(ActivatorSettings settings, HostRouter router, UpstreamProxy proxy,
                   LoopDeadlines<Exchange> deadlines, ConnectionGuard guard) {

    /** Stops the loop's timers and closes its idle connections to instances (on the loop). */
    void close() {
        deadlines.close();
        proxy.close();
    }
}
