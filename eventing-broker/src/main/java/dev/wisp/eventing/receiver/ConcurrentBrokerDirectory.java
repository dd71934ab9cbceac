package dev.wisp.eventing.receiver;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link BrokerDirectory}: the reconciler registers and removes, the receiver reads. */
public final class ConcurrentBrokerDirectory implements BrokerDirectory {
    private final Map<String, BrokerIngress> brokers = new ConcurrentHashMap<>();

    @Override
    public Optional<BrokerIngress> lookup(String namespace, String name) {
        return Optional.ofNullable(brokers.get(namespace + "/" + name));
    }

    public void register(BrokerIngress ingress) {
        brokers.put(ingress.namespace() + "/" + ingress.name(), ingress);
    }

    public void unregister(String namespace, String name) {
        brokers.remove(namespace + "/" + name);
    }
}
