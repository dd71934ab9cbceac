package dev.wisp.api.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies a sample's source tree for a test to build, leaving out its {@code target} build output. */
public final class SourceTrees {

    private SourceTrees() {
    }

    /** Copies everything under {@code from} to {@code to} except {@code from/target}. */
    public static void copyWithoutTarget(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                if (from.relativize(p).startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
