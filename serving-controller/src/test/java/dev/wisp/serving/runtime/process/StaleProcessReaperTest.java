package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new runtime stops the instances a crashed previous run left behind, and only those. */
class StaleProcessReaperTest {

    @TempDir
    Path stateDir;
    private Process sleeper;

    @AfterEach
    void killSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void newRuntimeStopsAProcessRecordedByAPreviousRun() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Instant started = sleeper.info().startInstant().orElseThrow();
        recordSleeper(started.toString());

        try (ProcessRuntime runtime = new ProcessRuntime(settings(), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sleeper.isAlive());
            assertThat(recordFiles()).isEmpty();
        }
    }

    @Test
    void newRuntimeLeavesAReusedPidAlone() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Instant started = sleeper.info().startInstant().orElseThrow();
        recordSleeper(started.minus(Duration.ofDays(1)).toString());

        try (ProcessRuntime runtime = new ProcessRuntime(settings(), Clock.systemUTC())) {
            assertThat(recordFiles()).isEmpty();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(sleeper::isAlive);
        }
    }

    @Test
    void newRuntimeDropsUnreadableRecords() throws IOException {
        Files.createDirectories(stateDir.resolve("instances"));
        Files.writeString(stateDir.resolve("instances").resolve("broken-abcde.json"), "{not json");

        try (ProcessRuntime runtime = new ProcessRuntime(settings(), Clock.systemUTC())) {
            assertThat(recordFiles()).isEmpty();
        }
    }

    private void recordSleeper(String startInstant) {
        new InstanceRecords(stateDir.resolve("instances")).write(new InstanceRecord("hello-00001-abcde", "default",
                "hello-00001", sleeper.pid(), startInstant, List.of("sleep", "60")));
        assertThat(recordFiles()).hasSize(1);
    }

    private List<Path> recordFiles() {
        return new InstanceRecords(stateDir.resolve("instances")).files();
    }

    private ProcessRuntimeSettings settings() {
        return new ProcessRuntimeSettings(stateDir, Duration.ofMillis(25), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));
    }
}
