package dev.wisp.api.build.v1alpha1;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Checks that a Build's {@code contextDir} names a directory inside the source: relative, and no
 * {@code ..} that climbs above the source's root ({@code ../..}, {@code app/../../x}). Pure string
 * logic, so it means the same on every machine; the build controller checks symbolic links again on disk.
 */
public final class ContextDirs {
    private ContextDirs() {
    }

    /** Why {@code dir} would escape the source, or empty when it stays inside (null and blank are the root). */
    public static Optional<String> escapeProblem(String dir) {
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        if (dir.startsWith("/") || dir.startsWith("\\") || dir.matches("^[A-Za-z]:.*")) {
            return Optional.of("must be a path relative to the source's root, got absolute path \"" + dir + "\"");
        }
        if (dir.indexOf('\0') >= 0 || dir.contains("\\")) {
            return Optional.of("must use '/' as separator and no control characters, got \"" + dir + "\"");
        }
        Deque<String> depth = new ArrayDeque<>();
        for (String segment : dir.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (depth.isEmpty()) {
                    return Optional.of("must stay inside the source, but \"" + dir + "\" climbs above its root");
                }
                depth.pop();
            } else {
                depth.push(segment);
            }
        }
        return Optional.empty();
    }
}
