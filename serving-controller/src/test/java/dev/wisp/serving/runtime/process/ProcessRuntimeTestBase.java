package dev.wisp.serving.runtime.process;

import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.serving.runtime.InstanceInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A process runtime per test on a temporary state directory, with fast probes, grace and backoff. */
abstract class ProcessRuntimeTestBase {

    static final RevisionKey KEY = new RevisionKey("default", "hello-00001");
    static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;
    @TempDir
    Path workDir;
    ProcessRuntime runtime;

    @BeforeEach
    void startRuntime() {
        runtime = newRuntime(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    ProcessRuntime newRuntime(Duration startupTimeout) {
        return new ProcessRuntime(new ProcessRuntimeSettings(stateDir, Duration.ofMillis(25), Duration.ofSeconds(2),
                startupTimeout, Duration.ofMillis(50), Duration.ofMillis(400)), Clock.systemUTC());
    }

    long awaitFirstPid() {
        await().atMost(START).until(() -> runtime.instances(KEY).stream().anyMatch(i -> i.pid() > 0));
        return runtime.instances(KEY).stream().filter(i -> i.pid() > 0).findFirst().orElseThrow().pid();
    }

    int restarts() {
        return runtime.instances(KEY).stream().mapToInt(InstanceInfo::restarts).sum();
    }

    List<Path> recordFiles() {
        return new InstanceRecords(stateDir.resolve("instances")).files();
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
