package dev.wisp.platform.store;

/** Where a resource lives in the store: its kind, namespace and name. */
record StoreKey(ResourceKinds.Kind kind, String namespace, String name) {
    String describe() {
        return kind.plural() + "." + kind.group() + " " + namespace + "/" + name;
    }
}
