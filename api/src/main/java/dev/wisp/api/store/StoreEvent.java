package dev.wisp.api.store;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A change to a stored resource, delivered to store listeners after it is durable. */
public record StoreEvent(Type type, HasMetadata resource) {
    /** What happened to the resource. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
