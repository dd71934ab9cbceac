package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.RevisionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where instance logs live: {@code {logsDir}/{namespace}/{revision}/{instanceId}.log}. */
public final class InstanceLogs {

    private final Path logsDir;

    public InstanceLogs(Path logsDir) {
        this.logsDir = logsDir;
    }

    /** The log file of one instance. */
    public Path fileOf(RevisionKey revision, String instanceId) {
        return dirOf(revision).resolve(instanceId + ".log");
    }

    /** The log files of a revision's instances, oldest first. */
    public List<Path> filesOf(RevisionKey revision) {
        Path dir = dirOf(revision);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted(Comparator.comparing(InstanceLogs::createdAt).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path dirOf(RevisionKey revision) {
        return logsDir.resolve(revision.namespace()).resolve(revision.name());
    }

    private static FileTime createdAt(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).creationTime();
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
