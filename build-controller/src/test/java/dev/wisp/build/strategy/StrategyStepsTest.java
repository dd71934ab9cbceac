package dev.wisp.build.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The steps each strategy runs keep the build log free of colour codes and progress noise. */
class StrategyStepsTest {
    @TempDir
    Path app;

    record Case(String name, Strategy strategy, Map<String, String> files, List<String> argvHas, Map<String, String> envHas) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("maven: no colours, no transfer progress, no ANSI reset at exit", new MavenStrategy(true),
                        Map.of("pom.xml", "<project/>"), List.of("mvn", "-B", "--no-transfer-progress", "-Dstyle.color=never", "-o"),
                        Map.of()),
                new Case("npm: colours off", new NodeStrategy(), Map.of("package.json", "{}", "package-lock.json", "{}"),
                        List.of("npm", "ci"), Map.of("npm_config_color", "false", "NO_COLOR", "1")),
                new Case("pip: colours and progress bar off", new PythonStrategy(), Map.of("requirements.txt", "flask\n"),
                        List.of(), Map.of("PIP_NO_COLOR", "1", "PIP_PROGRESS_BAR", "off")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsRunWithoutColours(Case c) throws Exception {
        for (Map.Entry<String, String> file : c.files().entrySet()) {
            Files.writeString(app.resolve(file.getKey()), file.getValue());
        }

        List<BuildStep> steps = c.strategy().steps(new SourceFiles(app), app.resolve("cache"));

        assertThat(steps.get(0).argv()).containsAll(c.argvHas());
        steps.stream().filter(s -> !s.argv().contains("venv"))
                .forEach(s -> assertThat(s.env()).containsAllEntriesOf(c.envHas()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mavenOpts")
    void mavenOptsKeepWhatTheUserSetAndStopTheResetCodes(String inherited, String expected) {
        assertThat(MavenStrategy.mavenOpts(inherited)).isEqualTo(expected);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> mavenOpts() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(null, "-Djansi.noreset=true"),
                org.junit.jupiter.params.provider.Arguments.of(" ", "-Djansi.noreset=true"),
                org.junit.jupiter.params.provider.Arguments.of("-Xmx512m ", "-Xmx512m -Djansi.noreset=true"));
    }
}
