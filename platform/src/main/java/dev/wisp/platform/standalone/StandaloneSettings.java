package dev.wisp.platform.standalone;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.serving.runtime.RuntimeSelection;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code wisp up} runs: where its state lives, what it binds, the domain of service URLs and
 * the global autoscaling defaults, which workload runtimes run revisions.
 */
public record StandaloneSettings(Path stateDir, String host, int ingressPort, String domain,
                                 AutoscalerDefaults autoscalerDefaults, Duration autoscalerTick,
                                 Duration rolloutDuration, int retainedRevisions, RuntimeSelection runtimes) {

    /** Settings running revisions on the process runtime only. */
    public StandaloneSettings(Path stateDir, String host, int ingressPort, String domain,
                              AutoscalerDefaults autoscalerDefaults, Duration autoscalerTick,
                              Duration rolloutDuration, int retainedRevisions) {
        this(stateDir, host, ingressPort, domain, autoscalerDefaults, autoscalerTick, rolloutDuration,
                retainedRevisions, RuntimeSelection.process());
    }

    /** Settings without gradual rollout, keeping Knative's default of 20 non-active revisions per configuration. */
    public StandaloneSettings(Path stateDir, String host, int ingressPort, String domain,
                              AutoscalerDefaults autoscalerDefaults, Duration autoscalerTick) {
        this(stateDir, host, ingressPort, domain, autoscalerDefaults, autoscalerTick, Duration.ZERO, 20);
    }
}
