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
 * @param rolloutDuration    the global {@code serving.knative.dev/rollout-duration}: how long a new
 *                           latest revision takes to get all of its configuration's traffic (zero: at once)
 * @param retainedRevisions  how many non-active revisions each configuration keeps at least (Knative's
 *                           {@code min-non-active-revisions}, 20); older ones beyond it are deleted
 */
public record ServingSettings(String domain, int urlPort, AutoscalerDefaults autoscalerDefaults,
                              Duration resyncInterval, Duration rolloutDuration, int retainedRevisions) {
    /** Knative's default of {@code min-non-active-revisions}. */
    public static final int DEFAULT_RETAINED_REVISIONS = 20;

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
        if (rolloutDuration == null || rolloutDuration.isNegative()) {
            throw new IllegalArgumentException("rolloutDuration must be zero or positive, got " + rolloutDuration);
        }
        if (retainedRevisions < 0) {
            throw new IllegalArgumentException("retainedRevisions must be zero or more, got " + retainedRevisions);
        }
    }

    /** Settings without gradual rollout, keeping Knative's default number of non-active revisions. */
    public ServingSettings(String domain, int urlPort, AutoscalerDefaults autoscalerDefaults, Duration resyncInterval) {
        this(domain, urlPort, autoscalerDefaults, resyncInterval, Duration.ZERO, DEFAULT_RETAINED_REVISIONS);
    }

    /**
     * Standalone defaults: domain {@code localhost}, ingress port 8080, Knative's autoscaling defaults, 10 s resync,
     * no gradual rollout, 20 non-active revisions kept.
     */
    public static ServingSettings defaults() {
        return new ServingSettings("localhost", 8080, AutoscalerDefaults.knative(), Duration.ofSeconds(10));
    }
}
