package dev.wisp.eventing.receiver;

import java.util.Optional;

/** Which Brokers exist and are ready to accept events; filled by the Broker reconciler. */
public interface BrokerDirectory {

    Optional<BrokerIngress> lookup(String namespace, String name);
}
