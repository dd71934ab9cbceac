package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.revision;
import static dev.wisp.serving.runtime.process.Revisions.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.serving.runtime.InstanceFailure;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How the process runtime reports instances that crash, never get ready or cannot start. */
class ProcessRuntimeFailureTest extends ProcessRuntimeTestBase {

    @Test
    void crashingCommandReportsItsExitCodeAndOutputAndIsRestarted() {
        runtime.ensure(revision(KEY.name(), sh("echo boom >&2; exit 3")));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> restarts() > 0 && runtime.health(KEY).lastFailure().isPresent());
        InstanceFailure failure = runtime.health(KEY).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo("ExitCode3");
        assertThat(failure.message()).startsWith("container exited with code 3: ").contains("boom");
        assertThat(runtime.health(KEY).everReady()).isFalse();
        assertThat(runtime.readyInstances(KEY)).isZero();
    }

    @Test
    void failureClearsWhenTheRestartedInstanceBecomesReady() {
        String script = "if [ -e crashed-once ]; then exec java -XX:TieredStopAtLevel=1 -Xshare:auto -jar "
                + Revisions.HELLO_JAR + "; else touch crashed-once; echo first start fails; exit 1; fi";
        runtime.ensure(revision(KEY.name(), sh(script, c -> c.setWorkingDir(workDir.toString()))));
        List<Optional<InstanceFailure>> failuresSeen = new CopyOnWriteArrayList<>();
        runtime.onHealthChange(key -> failuresSeen.add(runtime.health(key).lastFailure()));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
        assertThat(failuresSeen).anySatisfy(f -> assertThat(f).hasValueSatisfying(
                failure -> assertThat(failure.reason()).isEqualTo("ExitCode1")));
        assertThat(runtime.health(KEY).lastFailure()).isEmpty();
        assertThat(restarts()).isEqualTo(1);
    }

    @Test
    void startupTimeoutKillsTheInstance() {
        runtime.close();
        runtime = newRuntime(Duration.ofMillis(500));
        runtime.ensure(revision(KEY.name(), sh("sleep 60")));

        runtime.setDesiredScale(KEY, 1);

        long pid = awaitFirstPid();
        await().atMost(START).until(() -> runtime.health(KEY).lastFailure().isPresent());
        InstanceFailure failure = runtime.health(KEY).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo("ProbeTimeout");
        assertThat(failure.message()).contains("did not become ready within 500ms", "TCP connect to 127.0.0.1:");
        await().atMost(START).until(() -> !isAlive(pid));
    }

    @Test
    void revisionWithoutCommandFailsWithAClearReason() {
        Container imageOnly = new Container();
        imageOnly.setImage("ghcr.io/example/hello:latest");
        runtime.ensure(revision(KEY.name(), imageOnly));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.health(KEY).lastFailure().isPresent());
        InstanceFailure failure = runtime.health(KEY).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo("CommandRequired");
        assertThat(failure.message()).isEqualTo("the process runtime runs containers[0].command; none is set "
                + "(image-only revisions need the container runtime)");
    }

    @Test
    void missingWorkingDirFailsWithAClearReason() {
        Path missing = workDir.resolve("does-not-exist");
        runtime.ensure(revision(KEY.name(), sh("true", c -> c.setWorkingDir(missing.toString()))));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.health(KEY).lastFailure().isPresent());
        InstanceFailure failure = runtime.health(KEY).lastFailure().orElseThrow();
        assertThat(failure.reason()).isEqualTo("WorkingDirNotFound");
        assertThat(failure.message()).contains(missing.toString());
    }
}
