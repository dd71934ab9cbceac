package dev.wisp.serving.runtime;

import dev.wisp.serving.runtime.process.InstanceIds;
import dev.wisp.serving.runtime.process.InstanceLogs;
import dev.wisp.serving.runtime.process.ReadinessProber;
import dev.wisp.serving.runtime.process.RestartBackoff;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** Provides the runtime-wide collaborators every {@link RevisionInstanceSet} of one runtime shares. */
public interface InstanceSetServices {

    Clock clock();

    /** Runs state changes, timers and restarts. */
    ScheduledExecutorService scheduler();

    ReadinessProber prober();

    InstanceLogs logs();

    InstanceIds ids();

    RestartBackoff backoff();

    RuntimeListeners listeners();

    /** How long a started instance may take to pass its readiness probe. */
    Duration startupTimeout();
}
