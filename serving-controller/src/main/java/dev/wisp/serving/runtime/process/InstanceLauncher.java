package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the process of one instance: picks its port, builds its environment and command line,
 * sends its output to its log file, and records it so a later run can stop it after a crash.
 */
public final class InstanceLauncher {

    static final String COMMAND_REQUIRED = "CommandRequired";
    static final String WORKING_DIR_NOT_FOUND = "WorkingDirNotFound";
    static final String START_FAILED = "StartFailed";

    private final EnvironmentBuilder environment;
    private final PortAllocator ports;
    private final InstanceRecords records;

    public InstanceLauncher(EnvironmentBuilder environment, PortAllocator ports, InstanceRecords records) {
        this.environment = environment;
        this.ports = ports;
        this.records = records;
    }

    /** A started instance process. */
    public record Launched(Process process, int port, ProbeTarget probe, List<String> command) {
    }

    /** Starts an instance of {@code revision}; the returned port is released by the caller once the process is gone. */
    public Launched launch(RevisionKey key, Revision revision, String instanceId, Path logFile) throws LaunchFailure {
        Container container = firstContainer(revision);
        if (!CommandLine.hasCommand(container)) {
            throw new LaunchFailure(COMMAND_REQUIRED, "the process runtime runs containers[0].command; none is set "
                    + "(image-only revisions need the container runtime)");
        }
        BundleDirectory.check(container);
        Path workingDir = workingDir(container);
        int port = ports.allocate();
        try {
            EnvironmentBuilder.InstanceEnvironment env = environment.build(container, key, labels(revision), port);
            List<String> command = CommandLine.of(container, env.container());
            Process process = start(command, env.process(), workingDir, logFile);
            record(key, instanceId, process, command);
            return new Launched(process, port, ProbeTarget.of(container, port), command);
        } catch (LaunchFailure | RuntimeException e) {
            ports.release(port);
            throw e;
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Path workingDir, Path logFile)
            throws LaunchFailure {
        try {
            Files.createDirectories(logFile.getParent());
            // A marker per start: a crash message quotes only the output of the run that crashed.
            Files.writeString(logFile, LogTail.START_MARKER + " " + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + logFile.getParent(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchFailure(START_FAILED, "cannot start " + command.get(0) + ": " + e.getMessage()
                    + " (containers[0].command must name an executable on PATH or a path to one)");
        }
    }

    private void record(RevisionKey key, String instanceId, Process process, List<String> command) {
        try {
            records.write(recordOf(key, instanceId, process, command));
        } catch (RuntimeException e) {
            // An unrecorded process could outlive a crash of the platform: do not keep it.
            process.destroyForcibly();
            throw e;
        }
    }

    private static InstanceRecord recordOf(RevisionKey key, String instanceId, Process process, List<String> command) {
        String started = process.info().startInstant().map(Object::toString).orElse(null);
        return new InstanceRecord(instanceId, key.namespace(), key.name(), process.pid(), started, command);
    }

    private static Path workingDir(Container container) throws LaunchFailure {
        String dir = container.getWorkingDir();
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new LaunchFailure(WORKING_DIR_NOT_FOUND, "containers[0].workingDir " + dir
                    + " is not an existing directory; the process runtime runs the command in it, so create it or change workingDir");
        }
        return path;
    }

    static Container firstContainer(Revision revision) {
        List<Container> containers = revision.getSpec() == null ? List.of() : revision.getSpec().getContainers();
        return containers == null || containers.isEmpty() ? null : containers.get(0);
    }

    private static Map<String, String> labels(Revision revision) {
        return revision.getMetadata() == null || revision.getMetadata().getLabels() == null
                ? Map.of() : revision.getMetadata().getLabels();
    }
}
