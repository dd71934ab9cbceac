package dev.wisp.serving.runtime.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of an instance's log file for failure messages. */
public final class LogTail {

    /** The line Wisp writes to an instance's log before each start of its process. */
    public static final String START_MARKER = "--- wisp: process started";

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /**
     * The last {@code lines} non-empty lines that the latest run wrote to {@code file} (after the last
     * {@link #START_MARKER}; reading at most its last 16 KiB); empty if unreadable.
     */
    public static List<String> lastLines(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
                    .filter(line -> !line.isBlank())
                    .toList();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).startsWith(START_MARKER)) {
                    all = all.subList(i + 1, all.size());
                    break;
                }
            }
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
