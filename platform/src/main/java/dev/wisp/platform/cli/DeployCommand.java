package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wisp deploy --source DIR NAME}: creates or updates the Build NAME with a local source and
 * target Service NAME, asks for a new run, and (unless {@code --no-wait}) follows its log until it
 * succeeded and the Service answers at a URL, which it prints as the last line.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Build a source directory and run it as a service; prints the service's URL.")
public class DeployCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "The name of the build and of the service.")
    String name;

    @Option(names = "--source", required = true, description = "The directory holding the source.")
    Path source;

    @Option(names = "--strategy", description = "auto (default), maven, node, python or command.")
    String strategy;

    @Option(names = "--context-dir", description = "The directory inside the source to build.")
    String contextDir;

    @Option(names = "--runtime", description = "How the service runs: process (a bundle run as a local process) or "
            + "container (an OCI image built on wisp up's --build-base-image, run by the container runtime); sets "
            + "wisp.dev/runtime (default: the Service's own annotation, else process).")
    String runtime;

    @Option(names = "--env", description = "An environment variable of the app, NAME=VALUE (repeatable).")
    List<String> env = List.of();

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait for the build and the URL (default: ${DEFAULT-VALUE}).")
    boolean waitForUrl;

    @Option(names = "--timeout", defaultValue = "15m", converter = DurationConverter.class,
            description = "How long to wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = source.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new CliException("--source " + source + " is not a directory");
        }
        String run = Instant.now().toString();
        ApiClient client = options.client();
        client.post("/apis/wisp.dev/v1alpha1/apply", buildJson(dir, run), "application/json");
        System.err.println("build.build.wisp.dev/" + name + " started (source " + dir + ")");
        if (!waitForUrl) {
            return 0;
        }
        String url = new BuildFollower(client, options.namespace, name, System.err).follow(run, Instant.now().plus(timeout));
        System.out.println(url);
        return 0;
    }

    private String buildJson(Path dir, String run) {
        ObjectNode build = JSON.createObjectNode();
        build.put("apiVersion", "build.wisp.dev/v1alpha1").put("kind", "Build");
        ObjectNode meta = build.putObject("metadata");
        meta.put("name", name).put("namespace", options.namespace);
        ObjectNode annotations = meta.putObject("annotations").put("build.wisp.dev/run", run);
        if (runtime != null) {
            if (!RuntimeAnnotation.PROCESS.equals(runtime) && !RuntimeAnnotation.CONTAINER.equals(runtime)) {
                throw new CliException("--runtime must be " + RuntimeAnnotation.PROCESS + " or "
                        + RuntimeAnnotation.CONTAINER + ", got \"" + runtime + "\"");
            }
            annotations.put(RuntimeAnnotation.KEY, runtime);
        }
        ObjectNode spec = build.putObject("spec");
        ObjectNode src = spec.putObject("source");
        src.putObject("local").put("path", dir.toString());
        if (contextDir != null) {
            src.put("contextDir", contextDir);
        }
        if (strategy != null) {
            spec.put("strategy", strategy);
        }
        for (String pair : env) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--env " + pair + ": expected NAME=VALUE");
            }
            spec.withArray("env").addObject().put("name", pair.substring(0, eq)).put("value", pair.substring(eq + 1));
        }
        spec.putObject("target").put("service", name);
        return build.toString();
    }

    static JsonNode condition(JsonNode build, String type) {
        for (JsonNode c : build.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }
}
