package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.serving.runtime.process.InstanceIds;
import dev.wisp.serving.runtime.process.InstanceLogs;
import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import dev.wisp.serving.runtime.process.ReadinessProber;
import dev.wisp.serving.runtime.process.RestartBackoff;
import dev.wisp.serving.runtime.process.RuntimeListeners;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** The collaborators every {@link ContainerRevision} of one container runtime shares. */
record ContainerServices(ProcessRuntimeSettings timings, Clock clock, ScheduledExecutorService scheduler,
                         InstanceContainers containers, ReadinessProber prober, InstanceLogs logs, InstanceIds ids,
                         RestartBackoff backoff, RuntimeListeners listeners, InstanceDrain drain) {
}
