package dev.wisp.eventing.reconciler;

/** A Broker or Trigger to reconcile, or (name null) every Trigger of a namespace. */
record EventingKey(Kind kind, String namespace, String name) {
    /** What the key names. */
    enum Kind { BROKER, TRIGGER, TRIGGER_COUNTS }

    static EventingKey allTriggersIn(String namespace) {
        return new EventingKey(Kind.TRIGGER, namespace, null);
    }

    boolean isFanOut() {
        return name == null;
    }
}
