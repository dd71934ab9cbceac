package dev.wisp.serving.runtime.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Stores {@link InstanceRecord}s as {@code {dir}/{instanceId}.json}, each written atomically
 * (a temporary file moved into place) so a crash never leaves half a record.
 */
public final class InstanceRecords {

    private static final Logger LOG = Logger.getLogger(InstanceRecords.class);
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    public InstanceRecords(Path dir) {
        this.dir = dir;
    }

    /** Writes (or replaces) the record of an instance. */
    public void write(InstanceRecord record) {
        try {
            Files.createDirectories(dir);
            Path target = fileOf(record.instanceId());
            Path temp = Files.createTempFile(dir, record.instanceId() + ".", ".tmp");
            JSON.writeValue(temp.toFile(), record);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of instance " + record.instanceId() + " in " + dir, e);
        }
    }

    /** Deletes the record of an instance, if any. */
    public void delete(String instanceId) {
        try {
            Files.deleteIfExists(fileOf(instanceId));
        } catch (IOException e) {
            LOG.warnf("event=record-delete-failed instance=%s error=%s", instanceId, e.getMessage());
        }
    }

    /** The record files present now. */
    public List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return new ArrayList<>(entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list instance records in " + dir, e);
        }
    }

    /** Reads one record file. */
    public InstanceRecord read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), InstanceRecord.class);
    }

    /** Deletes a record file by path (for unreadable records). */
    public void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("event=record-delete-failed file=%s error=%s", file, e.getMessage());
        }
    }

    private Path fileOf(String instanceId) {
        return dir.resolve(instanceId + SUFFIX);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
