package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import dev.wisp.serving.runtime.container.ContainerRuntime;
import dev.wisp.serving.runtime.container.ContainerRuntimeSettings;
import dev.wisp.serving.runtime.container.EngineSockets;
import dev.wisp.serving.runtime.process.ProcessRuntime;
import dev.wisp.serving.runtime.process.ProcessRuntimeSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which standalone runtimes {@code wisp up} runs ({@code --runtime process|container|auto} and
 * {@code --container-socket}) and how it builds them: the process runtime always, the container
 * runtime when an engine socket is given or found, behind a {@link RoutingWorkloadRuntime} whose
 * default is the chosen mode ({@code auto}: container when an engine socket is found, else process).
 *
 * @param mode   {@code process}, {@code container} or {@code auto}
 * @param socket the engine's socket as given, or null to look for one
 */
public record RuntimeSelection(String mode, Path socket) {

    public static final String AUTO = "auto";
    public static final List<String> MODES = List.of(RuntimeAnnotation.PROCESS, RuntimeAnnotation.CONTAINER, AUTO);

    public RuntimeSelection {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("--runtime must be one of " + String.join(", ", MODES) + ", got \"" + mode + "\"");
        }
    }

    /** The process runtime alone, as before the container runtime existed. */
    public static RuntimeSelection process() {
        return new RuntimeSelection(RuntimeAnnotation.PROCESS, null);
    }

    /** What the selection resolves to: the default runtime's name and the engine socket, if any is used. */
    public record Resolved(String defaultRuntime, Optional<Path> socket) {
    }

    /** Resolves the mode against an environment and a filesystem test; fails when {@code container} finds no engine. */
    public Resolved resolve(Map<String, String> env, Predicate<Path> isSocket) {
        Optional<Path> found = socket != null ? Optional.of(socket) : EngineSockets.find(env, isSocket);
        return switch (mode) {
            case RuntimeAnnotation.PROCESS -> new Resolved(RuntimeAnnotation.PROCESS, found);
            case RuntimeAnnotation.CONTAINER -> new Resolved(RuntimeAnnotation.CONTAINER, Optional.of(found.orElseThrow(
                    () -> new IllegalArgumentException("--runtime container needs a container engine, and none was found at "
                            + EngineSockets.candidates(env) + "; start one (podman system service) or pass --container-socket PATH"))));
            default -> new Resolved(found.isPresent() ? RuntimeAnnotation.CONTAINER : RuntimeAnnotation.PROCESS, found);
        };
    }

    /**
     * Starts the runtimes for {@code stateDir}: the plain process runtime when no engine is used,
     * else both behind a {@link RoutingWorkloadRuntime}.
     */
    public WorkloadRuntime start(Path stateDir, Clock clock, InstanceDrain drain) {
        Resolved resolved = resolve(System.getenv(), path -> path.toFile().exists());
        ProcessRuntime process = new ProcessRuntime(ProcessRuntimeSettings.defaults(stateDir), clock, drain);
        if (resolved.socket().isEmpty()) {
            return process;
        }
        ContainerRuntime container;
        try {
            container = new ContainerRuntime(ContainerRuntimeSettings.defaults(resolved.socket().get(), stateDir), clock, drain);
        } catch (RuntimeException e) {
            if (socket == null && !mode.equals(RuntimeAnnotation.CONTAINER)) {
                // A socket found by looking around but not answering: auto and process run without it.
                return process;
            }
            process.close();
            throw e;
        }
        Map<String, WorkloadRuntime> runtimes = new LinkedHashMap<>();
        runtimes.put(RuntimeAnnotation.PROCESS, process);
        runtimes.put(RuntimeAnnotation.CONTAINER, container);
        return new RoutingWorkloadRuntime(resolved.defaultRuntime(), runtimes, clock);
    }
}
