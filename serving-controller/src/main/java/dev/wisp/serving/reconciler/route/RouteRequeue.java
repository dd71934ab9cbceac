package dev.wisp.serving.reconciler.route;

import java.time.Duration;

/** Asks the controller to reconcile a Route again after a delay (the next step of a gradual rollout). */
@FunctionalInterface
public interface RouteRequeue {

    void after(String namespace, String name, Duration delay);
}
