package dev.wisp.serving.runtime.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds a Docker-compatible engine's Unix socket where Docker and Podman put it: {@code DOCKER_HOST}
 * ({@code unix://...}), {@code /run/podman/podman.sock}, {@code /var/run/docker.sock}, then
 * {@code $XDG_RUNTIME_DIR/podman/podman.sock} (rootless Podman).
 */
public final class EngineSockets {

    private static final String UNIX = "unix://";

    private EngineSockets() {
    }

    /** The places looked at, in order, for an environment {@code env}. */
    public static List<Path> candidates(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith(UNIX)) {
            candidates.add(Path.of(dockerHost.substring(UNIX.length())));
        }
        candidates.add(Path.of("/run/podman/podman.sock"));
        candidates.add(Path.of("/var/run/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            candidates.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        return candidates;
    }

    /** The first candidate that {@code isSocket} accepts. */
    public static Optional<Path> find(Map<String, String> env, Predicate<Path> isSocket) {
        return candidates(env).stream().filter(isSocket).findFirst();
    }
}
