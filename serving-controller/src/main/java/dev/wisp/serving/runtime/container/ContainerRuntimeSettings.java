package dev.wisp.serving.runtime.container;

import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configures the {@link ContainerRuntime}: the engine's Unix socket, and the same state directory,
 * probe interval, grace period, startup timeout and restart backoff as the process runtime
 * ({@code timings}); instance logs go to the same {@code logs/} so {@code wisp logs} reads both.
 */
public record ContainerRuntimeSettings(Path engineSocket, ProcessRuntimeSettings timings) {

    public ContainerRuntimeSettings {
        Objects.requireNonNull(engineSocket, "engineSocket");
        Objects.requireNonNull(timings, "timings");
    }

    /** The standalone defaults of the process runtime, with {@code engineSocket}. */
    public static ContainerRuntimeSettings defaults(Path engineSocket, Path stateDir) {
        return new ContainerRuntimeSettings(engineSocket, ProcessRuntimeSettings.defaults(stateDir));
    }

    /** Where revisions' pinned image digests are kept. */
    public Path imagePinsDir() {
        return timings.stateDir().resolve("containers").resolve("images");
    }
}
