package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;

/**
 * Picks the strategy for {@code auto} from the files in the app's directory: {@code pom.xml} ->
 * maven, {@code package.json} -> node, {@code requirements.txt} or {@code pyproject.toml} -> python,
 * a {@code Procfile} or a start command -> command. Pure: looks at file names only.
 */
public final class StrategyDetector {
    private StrategyDetector() {
    }

    /** The strategy to use; {@code requested} wins unless it is auto. */
    public static BuildStrategy detect(BuildStrategy requested, SourceFiles source, boolean hasCommand) throws BuildFailure {
        if (requested != BuildStrategy.AUTO) {
            return requested;
        }
        if (source.exists("pom.xml")) {
            return BuildStrategy.MAVEN;
        }
        if (source.exists("package.json")) {
            return BuildStrategy.NODE;
        }
        if (source.exists("requirements.txt") || source.exists("pyproject.toml")) {
            return BuildStrategy.PYTHON;
        }
        if (source.exists("Procfile") || hasCommand) {
            return BuildStrategy.COMMAND;
        }
        throw new BuildFailure("StrategyNotDetected", "cannot tell how to build " + source.dir().getFileName()
                + ": no pom.xml, package.json, requirements.txt, pyproject.toml or Procfile; set spec.strategy "
                + "and spec.command, or add one of these files");
    }
}
