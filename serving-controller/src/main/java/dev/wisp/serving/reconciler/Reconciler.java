package dev.wisp.serving.reconciler;

/**
 * Brings one resource's children and status in line with its spec; called by the controller's
 * worker for a key. Idempotent; a resource that no longer exists is cleaned up after. Throws on
 * failures worth a retry.
 */
public interface Reconciler {

    void reconcile(String namespace, String name);
}
