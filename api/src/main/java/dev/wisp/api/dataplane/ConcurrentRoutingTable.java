package dev.wisp.api.dataplane;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link RoutingTable} for a process that holds both writer and readers. */
public final class ConcurrentRoutingTable implements RoutingTable {
    private final Map<String, HostRoute> byHost = new ConcurrentHashMap<>();

    @Override
    public Optional<HostRoute> lookup(String host) {
        return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
    }

    /**
     * Replaces a route's hosts without a gap: new entries are put first and only hosts the route no
     * longer serves are removed, so a concurrent lookup never misses a host that stays.
     */
    @Override
    public synchronized void replace(String namespace, String routeName, List<HostRoute> hosts) {
        Set<String> kept = new HashSet<>();
        for (HostRoute route : hosts) {
            String host = route.host().toLowerCase(Locale.ROOT);
            kept.add(host);
            byHost.put(host, route);
        }
        byHost.entrySet().removeIf(e -> !kept.contains(e.getKey())
                && e.getValue().namespace().equals(namespace) && e.getValue().routeName().equals(routeName));
    }

    @Override
    public synchronized void remove(String namespace, String routeName) {
        byHost.values().removeIf(r -> r.namespace().equals(namespace) && r.routeName().equals(routeName));
    }
}
