package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wisp apply -f FILE|-}: creates or updates every resource of a (multi-document) YAML or JSON file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create or update the resources in a YAML/JSON file (all or nothing when one is invalid).")
public class ApplyCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Option(names = {"-f", "--filename"}, required = true, description = "The file, or - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        String body = read();
        JsonNode result = options.client().post("/apis/wisp.dev/v1alpha1/apply", body, "application/yaml");
        for (JsonNode applied : result.path("results")) {
            System.out.printf("%s.%s/%s %s%n", applied.path("kind").asText().toLowerCase(), ResourceType.groupOf(applied.path("kind").asText()),
                    applied.path("name").asText(), applied.path("action").asText());
        }
        return 0;
    }

    private String read() throws IOException {
        if ("-".equals(file)) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliException("file not found: " + file);
        }
    }
}
