package dev.wisp.serving.runtime.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures the {@link ProcessRuntime}: where it keeps instance logs and records, how often it
 * probes starting instances, how long it waits for them, and how it restarts crashed ones.
 *
 * @param stateDir               root of {@code logs/} and {@code instances/}
 * @param probeInterval          pause between readiness probes of a starting instance
 * @param terminationGracePeriod time between SIGTERM and SIGKILL when stopping an instance
 * @param startupTimeout         time an instance has to become ready before it is killed
 * @param restartBackoffInitial  first delay before restarting a crashed instance
 * @param restartBackoffMax      longest delay between restarts; an instance ready this long resets the backoff
 */
public record ProcessRuntimeSettings(Path stateDir, Duration probeInterval, Duration terminationGracePeriod,
                                     Duration startupTimeout, Duration restartBackoffInitial,
                                     Duration restartBackoffMax) {

    public ProcessRuntimeSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        requirePositive(probeInterval, "probeInterval");
        requireNotNegative(terminationGracePeriod, "terminationGracePeriod");
        requirePositive(startupTimeout, "startupTimeout");
        requirePositive(restartBackoffInitial, "restartBackoffInitial");
        requirePositive(restartBackoffMax, "restartBackoffMax");
        if (restartBackoffMax.compareTo(restartBackoffInitial) < 0) {
            throw new IllegalArgumentException("restartBackoffMax (" + restartBackoffMax
                    + ") must not be shorter than restartBackoffInitial (" + restartBackoffInitial + ")");
        }
    }

    /** The standalone defaults: probe every 25 ms, 10 s grace, 5 min startup, restart backoff 1 s to 30 s. */
    public static ProcessRuntimeSettings defaults(Path stateDir) {
        return new ProcessRuntimeSettings(stateDir, Duration.ofMillis(25), Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The directory holding one log file per instance, under {@code logs/{namespace}/{revision}}. */
    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** The directory holding build bundles ({@link dev.wisp.api.build.BundleReference} layout), one per digest. */
    public Path bundlesDir() {
        return stateDir.resolve(dev.wisp.api.build.BundleReference.BUNDLES_DIR);
    }

    /** The directory holding one record per running instance. */
    public Path instancesDir() {
        return stateDir.resolve("instances");
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
