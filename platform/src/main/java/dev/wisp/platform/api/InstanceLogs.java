package dev.wisp.platform.api;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads the log files of a revision's instances into one text, each under a header naming the instance. */
final class InstanceLogs {
    private static final long MAX_BYTES_PER_FILE = 1024 * 1024;

    private InstanceLogs() {
    }

    static String read(List<Path> files, int tailLines) {
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.log$", "");
            out.append("==> ").append(name).append(" <==\n");
            String text = readEnd(file);
            List<String> lines = text.lines().toList();
            int from = tailLines > 0 ? Math.max(0, lines.size() - tailLines) : 0;
            lines.subList(from, lines.size()).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private static String readEnd(Path file) {
        try {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                byte[] bytes = new byte[(int) Math.min(length, MAX_BYTES_PER_FILE)];
                in.seek(length - bytes.length);
                in.readFully(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")\n";
        }
    }
}
