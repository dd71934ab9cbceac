package dev.wisp.platform.standalone;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code wisp up} runs: where its state lives, what it binds, the domain of service URLs and
 * the global autoscaling defaults.
 */
public record StandaloneSettings(Path stateDir, String host, int ingressPort, String domain,
                                 AutoscalerDefaults autoscalerDefaults, Duration autoscalerTick,
                                 Duration rolloutDuration, int retainedRevisions) {

    /** Settings without gradual rollout, keeping Knative's default of 20 non-active revisions per configuration. */
    public StandaloneSettings(Path stateDir, String host, int ingressPort, String domain,
                              AutoscalerDefaults autoscalerDefaults, Duration autoscalerTick) {
        this(stateDir, host, ingressPort, domain, autoscalerDefaults, autoscalerTick, Duration.ZERO, 20);
    }
}
