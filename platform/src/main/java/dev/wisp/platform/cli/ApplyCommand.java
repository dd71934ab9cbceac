package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wisp apply -f FILE|- [-f FILE]...}: creates or updates every resource of (multi-document) YAML or JSON files. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create or update the resources in YAML/JSON files (all or nothing when one is invalid).")
public class ApplyCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Option(names = {"-f", "--filename"}, required = true,
            description = "A file, or - for standard input; repeat -f for several (applied together, all or nothing).")
    List<String> files = new ArrayList<>();

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

    /** Every file as one multi-document YAML stream, so that the API applies them all or none. */
    private String read() throws IOException {
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new CliException("-f -: standard input can be read only once");
        }
        List<String> documents = new ArrayList<>();
        for (String file : files) {
            documents.add(read(file));
        }
        return String.join("\n---\n", documents);
    }

    private static String read(String file) throws IOException {
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
