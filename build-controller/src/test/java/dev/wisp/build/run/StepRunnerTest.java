package dev.wisp.build.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.build.strategy.BuildFailure;
import dev.wisp.build.strategy.BuildStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aFailedStepsMessageStartsWithItsErrorInTheUsersTerms() throws Exception {
        Path src = Files.createDirectories(dir.resolve("work/src"));
        Path log = Files.writeString(dir.resolve("build.log"), "");
        String script = "printf '\\033[1;31m[ERROR] %s/App.java:[3,1] class expected\\033[m\\n'; exit 2";
        BuildStep step = new BuildStep("compile", List.of("sh", "-c", script.formatted(src)), Map.of());

        assertThatThrownBy(() -> new StepRunner(Duration.ofMinutes(1)).run(step, src, log, SourcePaths.of(src)))
                .isInstanceOfSatisfying(BuildFailure.class, e -> {
                    assertThat(e.reason()).isEqualTo("StepFailed");
                    assertThat(e.getMessage()).startsWith("App.java:[3,1] class expected\nstep \"compile\" exited with 2:");
                });
        assertThat(Files.readString(log)).startsWith("==> step: compile\n").contains(src + "/App.java");
    }

    @Test
    void aStepThatExitsZeroPasses() throws Exception {
        Path log = Files.writeString(dir.resolve("build.log"), "");

        new StepRunner(Duration.ofMinutes(1)).run(BuildStep.of("true"), dir, log, SourcePaths.of(dir));

        assertThat(Files.readString(log)).isEqualTo("==> step: true\n");
    }
}
