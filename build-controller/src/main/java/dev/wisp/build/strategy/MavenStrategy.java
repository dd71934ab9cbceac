package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a {@code pom.xml} project with {@code mvn package} (tests skipped, batch mode, no colours, the user's
 * local repository as dependency cache, offline when asked) and starts its jar with {@code java -jar}:
 * a Quarkus {@code quarkus-run.jar}, else the one runnable jar in {@code target/}.
 */
public final class MavenStrategy implements Strategy {
    private final boolean offline;

    /** {@code offline}: pass {@code -o} so Maven uses only the local repository. */
    public MavenStrategy(boolean offline) {
        this.offline = offline;
    }

    @Override
    public BuildStrategy kind() {
        return BuildStrategy.MAVEN;
    }

    @Override
    public List<BuildStep> steps(SourceFiles source, Path dependencyCache) {
        // no ANSI colours or download progress in the build log (they show as [0m and noise)
        List<String> argv = new ArrayList<>(List.of("mvn", "-B", "-q", "--no-transfer-progress", "-Dstyle.color=never"));
        if (offline) {
            argv.add("-o");
        }
        argv.addAll(List.of("-DskipTests", "package"));
        return List.of(new BuildStep(String.join(" ", argv), argv, Map.of("MAVEN_OPTS", mavenOpts(System.getenv("MAVEN_OPTS")))));
    }

    /**
     * {@code inherited} MAVEN_OPTS plus {@code -Djansi.noreset=true}: Maven 3.8/3.9 write ANSI resets
     * ({@code ESC[0m}) when they exit even with {@code -Dstyle.color=never}; only this JVM property stops them.
     */
    static String mavenOpts(String inherited) {
        String noReset = "-Djansi.noreset=true";
        return inherited == null || inherited.isBlank() ? noReset : inherited.strip() + " " + noReset;
    }

    @Override
    public StartCommand start(SourceFiles built) throws BuildFailure {
        Path target = built.dir().resolve("target");
        if (Files.isRegularFile(target.resolve("quarkus-app/quarkus-run.jar"))) {
            return StartCommand.of("java", "-Dquarkus.http.port=$(PORT)", "-jar", "target/quarkus-app/quarkus-run.jar");
        }
        List<String> jars = jars(target);
        if (jars.size() != 1) {
            throw new BuildFailure("NoStartCommand", "expected one runnable jar in target/ after mvn package, found "
                    + (jars.isEmpty() ? "none" : String.join(", ", jars))
                    + "; set spec.command or add a Procfile with a web: line");
        }
        return StartCommand.of("java", "-jar", "target/" + jars.get(0));
    }

    private static List<String> jars(Path target) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") && !n.startsWith("original-"))
                    .filter(n -> !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }
}
