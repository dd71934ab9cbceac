package dev.wisp.serving.controller;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import java.time.Duration;

/**
 * Settings of the serving control plane.
 *
 * @param domain             the domain route hosts end with ({@code {route}.{namespace}.{domain}})
 * @param urlPort            the ingress port shown in URLs; left out of them when 80
 * @param autoscalerDefaults the cluster-wide autoscaling defaults revisions' annotations override
 * @param resyncInterval     how often every resource is reconciled again even without events
 */
public record ServingSettings(String domain, int urlPort, AutoscalerDefaults autoscalerDefaults,
                              Duration resyncInterval) {

    public ServingSettings {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain must be a DNS name such as localhost, got '" + domain + "'");
        }
        if (urlPort < 1 || urlPort > 65535) {
            throw new IllegalArgumentException("urlPort must be between 1 and 65535, got " + urlPort);
        }
        if (resyncInterval == null || resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("resyncInterval must be positive, got " + resyncInterval);
        }
    }

    /** Standalone defaults: domain {@code localhost}, ingress port 8080, Knative's autoscaling defaults, 10 s resync. */
    public static ServingSettings defaults() {
        return new ServingSettings("localhost", 8080, AutoscalerDefaults.knative(), Duration.ofSeconds(10));
    }
}
