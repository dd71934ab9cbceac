package dev.wisp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The {@code deploy/} source directory the tests read (surefire passes it as {@code wisp.deployDir}). */
public final class DeployDirectory {
    private DeployDirectory() {
    }

    /** The module's source directory, where {@code kustomization.yaml} and {@code crds/} live. */
    public static Path root() {
        return Path.of(System.getProperty("wisp.deployDir", "")).toAbsolutePath();
    }

    /** The committed CRDs. */
    public static Path crds() {
        return root().resolve("crds");
    }

    /** Every {@code .yaml}/{@code .yml} file under {@code deploy/}, outside {@code src/} and build output, sorted. */
    public static List<Path> yamlFiles() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !root.relativize(f).startsWith("src") && !root.relativize(f).startsWith("target"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path relative to {@code deploy/}, with forward slashes as kustomize writes them. */
    public static String relative(Path file) {
        return root().relativize(file).toString().replace('\\', '/');
    }
}
