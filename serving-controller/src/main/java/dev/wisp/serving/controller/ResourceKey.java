package dev.wisp.serving.controller;

/**
 * What the work queue holds: one resource to reconcile, or (name {@code null}) every resource of
 * a kind in a namespace, expanded by the worker when it takes the key.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name) {

    public static ResourceKey allIn(ResourceKind kind, String namespace) {
        return new ResourceKey(kind, namespace, null);
    }

    public boolean isFanOut() {
        return name == null;
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + (name == null ? "*" : name);
    }
}
