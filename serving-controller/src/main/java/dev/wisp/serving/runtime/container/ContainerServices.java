package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.serving.runtime.InstanceSetServices;
import dev.wisp.serving.runtime.RuntimeListeners;
import dev.wisp.serving.runtime.process.InstanceIds;
import dev.wisp.serving.runtime.process.InstanceLogs;
import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import dev.wisp.serving.runtime.process.ReadinessProber;
import dev.wisp.serving.runtime.process.RestartBackoff;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** The collaborators every {@link ContainerRevision} of one container runtime shares. */
record ContainerServices(ProcessRuntimeSettings timings, Clock clock, ScheduledExecutorService scheduler,
                         InstanceContainers containers, ReadinessProber prober, InstanceLogs logs, InstanceIds ids,
                         RestartBackoff backoff, RuntimeListeners listeners, InstanceDrain drain)
        implements InstanceSetServices {

    @Override
    public Duration startupTimeout() {
        return timings.startupTimeout();
    }
}
