package dev.wisp.eventing.reconciler;

import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.eventing.duck.KReference;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.eventing.dispatcher.DeliveryTarget;
import java.net.URI;

/**
 * Turns a Knative {@code Destination} into where the dispatcher POSTs: an absolute {@code uri} as
 * it is; a Service {@code ref} through the activator with Host {@code {name}.{namespace}.{domain}}
 * (so it scales from zero); a Broker {@code ref} to its ingress URL.
 */
final class DestinationResolver {
    private final ResourceStore store;
    private final String domain;
    private final String activatorBase;
    private final String receiverBase;

    DestinationResolver(ResourceStore store, String domain, String activatorHost, int activatorPort, String receiverBase) {
        this.store = store;
        this.domain = domain;
        this.activatorBase = "http://" + activatorHost + ":" + activatorPort;
        this.receiverBase = receiverBase;
    }

    /** The target, or {@link Unresolvable} saying what is missing. */
    DeliveryTarget resolve(Destination destination, String namespace) throws Unresolvable {
        if (destination == null || (destination.getRef() == null && destination.getUri() == null)) {
            throw new Unresolvable("NoDestination", "neither ref nor uri is set");
        }
        KReference ref = destination.getRef();
        if (ref == null) {
            return DeliveryTarget.of(destination.getUri());
        }
        String ns = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? namespace : ref.getNamespace();
        String path = destination.getUri() == null ? "" : relativePath(destination.getUri());
        if ("Service".equals(ref.getKind())) {
            if (store.get(Service.class, ns, ref.getName()).isEmpty()) {
                throw new Unresolvable("ServiceNotFound", "Service " + ns + "/" + ref.getName() + " does not exist");
            }
            return new DeliveryTarget(URI.create(activatorBase + path), ref.getName() + "." + ns + "." + domain);
        }
        if ("Broker".equals(ref.getKind())) {
            if (store.get(Broker.class, ns, ref.getName()).isEmpty()) {
                throw new Unresolvable("BrokerNotFound", "Broker " + ns + "/" + ref.getName() + " does not exist");
            }
            return DeliveryTarget.of(receiverBase + "/" + ns + "/" + ref.getName());
        }
        throw new Unresolvable("UnsupportedRef", "ref kind " + ref.getKind() + " is not addressable here (use Service or Broker)");
    }

    private static String relativePath(String uri) {
        String path = URI.create(uri).getRawPath();
        return path == null || path.isEmpty() ? "" : (path.startsWith("/") ? path : "/" + path);
    }

    /** A destination that cannot be resolved now; {@code reason} is a condition reason. */
    static final class Unresolvable extends Exception {
        private final String reason;

        Unresolvable(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
