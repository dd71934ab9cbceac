package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the real {@code kubectl kustomize deploy/} (what {@code kubectl apply -k deploy/} sends to the
 * cluster) and checks that it renders every listed object; skipped where kubectl is not installed.
 */
class KustomizeBuildTest {
    @Test
    void kubectlKustomizeRendersEveryObjectOfTheListedFiles() throws IOException, InterruptedException {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not on the PATH");

        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", DeployDirectory.root().toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        List<String> rendered = names(output);
        List<String> listed = Manifest.all().stream()
                .filter(m -> !m.file().equals("kustomization.yaml") && !m.file().startsWith("examples/"))
                .map(m -> m.kind() + "/" + m.name()).toList();
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(listed);
    }

    private static List<String> names(String yaml) throws IOException {
        List<String> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                out.add(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText());
            }
        }
        return out;
    }

    private static Path onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
