package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a Python app: when {@code requirements.txt} lists packages (or a {@code pyproject.toml}
 * exists), a virtual environment {@code .venv} in the app with them installed, pip's cache kept per
 * Build; an app with no requirements needs no step. Starts {@code app.py}, {@code main.py} or
 * {@code server.py} with the venv's interpreter (or {@code python3}).
 */
public final class PythonStrategy implements Strategy {
    static final String VENV = ".venv";
    private static final List<String> ENTRY_POINTS = List.of("app.py", "main.py", "server.py");

    @Override
    public BuildStrategy kind() {
        return BuildStrategy.PYTHON;
    }

    @Override
    public List<BuildStep> steps(SourceFiles source, Path dependencyCache) {
        boolean requirements = hasRequirements(source);
        boolean project = source.exists("pyproject.toml");
        if (!requirements && !project) {
            return List.of();
        }
        Map<String, String> env = Map.of("PIP_CACHE_DIR", dependencyCache.resolve("pip").toString(),
                "PIP_DISABLE_PIP_VERSION_CHECK", "1", "PIP_NO_COLOR", "1", "PIP_PROGRESS_BAR", "off");
        List<BuildStep> steps = new ArrayList<>();
        steps.add(new BuildStep("python3 -m venv " + VENV, List.of("python3", "-m", "venv", VENV), Map.of()));
        String pip = VENV + "/bin/pip";
        if (requirements) {
            steps.add(new BuildStep("pip install -r requirements.txt", List.of(pip, "install", "-r", "requirements.txt"), env));
        }
        if (project) {
            steps.add(new BuildStep("pip install .", List.of(pip, "install", "."), env));
        }
        return steps;
    }

    @Override
    public StartCommand start(SourceFiles built) throws BuildFailure {
        String python = built.dir().resolve(VENV).toFile().isDirectory() ? VENV + "/bin/python" : "python3";
        for (String entry : ENTRY_POINTS) {
            if (built.exists(entry)) {
                return StartCommand.of(python, entry);
            }
        }
        throw new BuildFailure("NoStartCommand", "none of " + String.join(", ", ENTRY_POINTS)
                + " exists; add one, a Procfile with a web: line, or set spec.command");
    }

    /** Whether requirements.txt names at least one package (blank lines and comments do not count). */
    static boolean hasRequirements(SourceFiles source) {
        return source.read("requirements.txt").map(text -> text.lines()
                .map(String::trim).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))).orElse(false);
    }
}
