package dev.wisp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regenerates the CRDs from the {@code api} classes and fails when {@code deploy/crds/} is stale. */
class CrdsAreUpToDateTest {
    private static final String UPDATE = "mvn -B -o -q test -pl deploy -Dtest=CrdsAreUpToDateTest -Dwisp.updateCrds=true";

    @Test
    void committedCrdsAreWhatTheApiClassesGenerate(@TempDir Path generated) throws IOException {
        if (Boolean.getBoolean("wisp.updateCrds")) {
            deleteYaml(DeployDirectory.crds());
            KnativeCrds.generate(DeployDirectory.crds());
        }
        int count = KnativeCrds.generate(generated);

        assertThat(count).isEqualTo(KnativeCrds.KINDS.size());
        assertThat(names(DeployDirectory.crds()))
                .as("files in deploy/crds/; to update them run: " + UPDATE)
                .isEqualTo(names(generated));
        for (String name : names(generated)) {
            assertThat(Files.readString(DeployDirectory.crds().resolve(name)))
                    .as("deploy/crds/%s differs from what the api classes generate (stale, or edited by hand); to update it run: %s", name, UPDATE)
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
    }

    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteYaml(Path directory) throws IOException {
        for (String name : names(directory)) {
            if (name.endsWith(".yaml")) {
                Files.delete(directory.resolve(name));
            }
        }
    }
}
