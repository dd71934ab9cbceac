package dev.wisp.build.run;

import dev.wisp.api.build.v1alpha1.BuildSpec;
import dev.wisp.build.strategy.BuildFailure;
import dev.wisp.build.strategy.Procfile;
import dev.wisp.build.strategy.SourceFiles;
import dev.wisp.build.strategy.StartCommand;
import dev.wisp.build.strategy.Strategy;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how a built app starts, in order: the Build's {@code spec.command}/{@code args}, the
 * Procfile's {@code web:} line, then the strategy's own start command.
 */
public final class StartCommands {
    private StartCommands() {
    }

    public static StartCommand resolve(BuildSpec spec, SourceFiles built, Strategy strategy) throws BuildFailure {
        if (spec.getCommand() != null && !spec.getCommand().isEmpty()) {
            return new StartCommand(spec.getCommand(), spec.getArgs() == null ? List.of() : spec.getArgs());
        }
        Optional<String> procfile = built.read("Procfile");
        if (procfile.isPresent()) {
            Optional<List<String>> web = Procfile.webCommand(procfile.get());
            if (web.isPresent()) {
                return new StartCommand(web.get(), List.of());
            }
        }
        return strategy.start(built);
    }

    /** The Build's env as name -> value, in order. */
    public static Map<String, String> env(BuildSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : spec.getEnv()) {
            env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        }
        return env;
    }

    /** The settings besides the source that change a bundle: command, args and env, as one string for the cache key. */
    static String settingsKey(BuildSpec spec) {
        return "command=" + spec.getCommand() + "\nargs=" + spec.getArgs() + "\nenv=" + env(spec);
    }
}
