package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Path;
import java.util.List;

/**
 * The Procfile-style strategy: nothing to build; the app starts with the Build's
 * {@code spec.command}/{@code args} or the Procfile's {@code web:} line (the executor resolves both
 * before asking here, so reaching {@link #start} means neither exists).
 */
public final class CommandStrategy implements Strategy {
    @Override
    public BuildStrategy kind() {
        return BuildStrategy.COMMAND;
    }

    @Override
    public List<BuildStep> steps(SourceFiles source, Path dependencyCache) {
        return List.of();
    }

    @Override
    public StartCommand start(SourceFiles built) throws BuildFailure {
        throw new BuildFailure("NoStartCommand", "strategy command needs spec.command or a Procfile with a web: line");
    }
}
