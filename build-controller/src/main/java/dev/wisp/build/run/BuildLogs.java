package dev.wisp.build.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where each Build's log lives ({@code {stateDir}/builds/logs/{namespace}/{name}.log}, one per
 * Build, started afresh by each run) and how it is written and read from a byte offset, so a
 * client can follow it.
 */
public final class BuildLogs {
    private final Path root;

    public BuildLogs(Path stateDir) {
        this.root = stateDir.resolve("builds").resolve("logs");
    }

    public Path file(String namespace, String name) {
        return root.resolve(namespace).resolve(name + ".log");
    }

    /** Empties the log for a new run. */
    public void start(String namespace, String name) {
        Path file = file(namespace, name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the build log " + file, e);
        }
    }

    /** Appends one line. */
    public void append(String namespace, String name, String line) {
        Path file = file(namespace, name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build log " + file, e);
        }
    }

    /** The log from byte {@code offset} on (empty when there is no log or nothing new). */
    public String read(String namespace, String name, long offset) {
        Path file = file(namespace, name);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (offset >= length) {
                return "";
            }
            in.seek(Math.max(0, offset));
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - Math.max(0, offset))];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build log " + file, e);
        }
    }
}
