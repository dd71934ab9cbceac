package dev.wisp.api.dataplane;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link RoutingTable} for a process that holds both writer and readers. */
public final class ConcurrentRoutingTable implements RoutingTable {
    private final Map<String, HostRoute> byHost = new ConcurrentHashMap<>();

    @Override
    public Optional<HostRoute> lookup(String host) {
        return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized void replace(String namespace, String routeName, List<HostRoute> hosts) {
        remove(namespace, routeName);
        for (HostRoute route : hosts) {
            byHost.put(route.host().toLowerCase(Locale.ROOT), route);
        }
    }

    @Override
    public synchronized void remove(String namespace, String routeName) {
        byHost.values().removeIf(r -> r.namespace().equals(namespace) && r.routeName().equals(routeName));
    }
}
