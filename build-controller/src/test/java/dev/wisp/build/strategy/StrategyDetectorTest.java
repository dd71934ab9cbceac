package dev.wisp.build.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyDetectorTest {
    @TempDir
    Path dir;

    record Case(String name, List<String> files, BuildStrategy requested, boolean hasCommand, BuildStrategy expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("pom.xml is maven", List.of("pom.xml", "Procfile"), BuildStrategy.AUTO, false, BuildStrategy.MAVEN),
                new Case("package.json is node", List.of("package.json"), BuildStrategy.AUTO, false, BuildStrategy.NODE),
                new Case("requirements.txt is python", List.of("requirements.txt", "app.py"), BuildStrategy.AUTO, false, BuildStrategy.PYTHON),
                new Case("pyproject.toml is python", List.of("pyproject.toml"), BuildStrategy.AUTO, false, BuildStrategy.PYTHON),
                new Case("Procfile alone is command", List.of("Procfile"), BuildStrategy.AUTO, false, BuildStrategy.COMMAND),
                new Case("a start command alone is command", List.of("run.sh"), BuildStrategy.AUTO, true, BuildStrategy.COMMAND),
                new Case("maven before node", List.of("package.json", "pom.xml"), BuildStrategy.AUTO, false, BuildStrategy.MAVEN),
                new Case("explicit strategy wins", List.of("pom.xml"), BuildStrategy.PYTHON, false, BuildStrategy.PYTHON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void detectsFromFiles(Case c) throws Exception {
        for (String file : c.files()) {
            Files.writeString(dir.resolve(file), "");
        }

        assertThat(StrategyDetector.detect(c.requested(), new SourceFiles(dir), c.hasCommand())).isEqualTo(c.expected());
    }

    @Test
    void nothingToDetectIsNamed() {
        assertThatThrownBy(() -> StrategyDetector.detect(BuildStrategy.AUTO, new SourceFiles(dir), false))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("no pom.xml, package.json, requirements.txt");
    }

    @Test
    void pythonWithoutRequirementsRunsNoStep() throws Exception {
        Files.writeString(dir.resolve("requirements.txt"), "# nothing\n\n");
        Files.writeString(dir.resolve("app.py"), "");

        assertThat(new PythonStrategy().steps(new SourceFiles(dir), dir.resolve("cache"))).isEmpty();
        assertThat(new PythonStrategy().start(new SourceFiles(dir))).isEqualTo(StartCommand.of("python3", "app.py"));
    }

    @Test
    void pythonWithRequirementsMakesAVirtualenv() throws Exception {
        Files.writeString(dir.resolve("requirements.txt"), "flask==3.0\n");

        List<BuildStep> steps = new PythonStrategy().steps(new SourceFiles(dir), dir.resolve("cache"));

        assertThat(steps).extracting(BuildStep::argv).containsExactly(
                List.of("python3", "-m", "venv", ".venv"), List.of(".venv/bin/pip", "install", "-r", "requirements.txt"));
    }
}
