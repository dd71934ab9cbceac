package dev.wisp.build.strategy;

import java.util.List;
import java.util.Map;

/**
 * One step of a build: a name for the log ({@code ==> step: mvn package}), an argument array run
 * without a shell, run in the app's directory with extra environment variables.
 */
public record BuildStep(String name, List<String> argv, Map<String, String> env) {
    public BuildStep {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a build step needs a command");
        }
    }

    /** A step named after its argument array. */
    public static BuildStep of(String... argv) {
        return new BuildStep(String.join(" ", argv), List.of(argv), Map.of());
    }
}
