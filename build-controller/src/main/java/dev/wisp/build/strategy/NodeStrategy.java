package dev.wisp.build.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@code package.json} project: {@code npm ci} (or {@code npm install} without a lock
 * file) with the npm cache kept per Build and colours off, then {@code npm run build} when there is a build script;
 * starts with {@code npm start} when there is a start script, else {@code node} on {@code main}.
 */
public final class NodeStrategy implements Strategy {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public BuildStrategy kind() {
        return BuildStrategy.NODE;
    }

    @Override
    public List<BuildStep> steps(SourceFiles source, Path dependencyCache) throws BuildFailure {
        JsonNode pkg = packageJson(source);
        Map<String, String> env = Map.of("npm_config_cache", dependencyCache.resolve("npm").toString(),
                "npm_config_update_notifier", "false", "npm_config_fund", "false", "npm_config_audit", "false",
                "npm_config_color", "false", "NO_COLOR", "1");
        List<BuildStep> steps = new ArrayList<>();
        List<String> install = source.exists("package-lock.json") ? List.of("npm", "ci") : List.of("npm", "install");
        steps.add(new BuildStep(String.join(" ", install), install, env));
        if (pkg.path("scripts").has("build")) {
            steps.add(new BuildStep("npm run build", List.of("npm", "run", "build"), env));
        }
        return steps;
    }

    @Override
    public StartCommand start(SourceFiles built) throws BuildFailure {
        JsonNode pkg = packageJson(built);
        if (pkg.path("scripts").has("start")) {
            return StartCommand.of("npm", "start");
        }
        String main = pkg.path("main").asText("");
        for (String candidate : List.of(main, "server.js", "index.js", "app.js")) {
            if (!candidate.isEmpty() && built.exists(candidate)) {
                return StartCommand.of("node", candidate);
            }
        }
        throw new BuildFailure("NoStartCommand", "package.json has no start script and no main, server.js, index.js "
                + "or app.js exists; add a start script or set spec.command");
    }

    private static JsonNode packageJson(SourceFiles source) throws BuildFailure {
        String text = source.read("package.json").orElseThrow(() ->
                new BuildFailure("StrategyNotApplicable", "the node strategy needs a package.json"));
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new BuildFailure("InvalidPackageJson", "package.json is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
