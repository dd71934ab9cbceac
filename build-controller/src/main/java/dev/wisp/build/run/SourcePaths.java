package dev.wisp.build.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites paths under a build's work copy of the source ({@code /state/builds/work/ns/name/src/...})
 * as paths relative to the user's source ({@code src/main/java/App.java}), so the messages a build
 * step prints point at the user's own files. Knows the work copy by its path as given and its real path.
 */
public record SourcePaths(List<String> workRoots) {
    public SourcePaths {
        workRoots = workRoots.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The work copy rooted at {@code root} (as given and, when it exists, its real path). */
    public static SourcePaths of(Path root) {
        Set<String> roots = new LinkedHashSet<>();
        roots.add(root.toAbsolutePath().normalize().toString());
        try {
            roots.add(root.toRealPath().toString());
        } catch (IOException e) {
            // not there (yet): the path as given is the only form a step can print
        }
        return new SourcePaths(List.copyOf(roots));
    }

    /** {@code line} with every path under the work copy made relative to the source. */
    public String relativize(String line) {
        String result = line;
        for (String root : workRoots) {
            result = result.replace(root + "/", "");
        }
        return result;
    }
}
