package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.serving.runtime.InstanceSetServices;
import dev.wisp.serving.runtime.RuntimeListeners;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** The collaborators every {@link RevisionInstances} of one runtime shares. */
record RuntimeServices(ProcessRuntimeSettings settings, Clock clock, ScheduledExecutorService scheduler,
                       InstanceLauncher launcher, ReadinessProber prober, ProcessTreeTerminator terminator,
                       InstanceRecords records, PortAllocator ports, InstanceLogs logs, InstanceIds ids,
                       RestartBackoff backoff, RuntimeListeners listeners, InstanceDrain drain)
        implements InstanceSetServices {

    @Override
    public Duration startupTimeout() {
        return settings.startupTimeout();
    }
}
