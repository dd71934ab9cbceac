package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.InstanceDrain;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.serving.runtime.InstanceInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A stopping instance leaves the endpoints, then waits for the data plane's drain, then is signalled. */
class ProcessRuntimeDrainTest extends ProcessRuntimeTestBase {

    private record DrainCall(RevisionKey revision, String instanceId, Duration max, boolean routedWhenAsked) {
    }

    @Test
    void anInstanceIsStoppedOnlyOnceTheDrainCompletes() throws Exception {
        List<DrainCall> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        runtime.close();
        runtime = new ProcessRuntime(new ProcessRuntimeSettings(stateDir, Duration.ofMillis(25), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(400)), Clock.systemUTC(),
                drainRecording(calls, drained));
        runtime.ensure(revision(KEY.name(), Revisions.hello()));
        runtime.setDesiredScale(KEY, 1);
        long pid = awaitFirstPid();
        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
        String id = runtime.instances(KEY).get(0).id();

        runtime.setDesiredScale(KEY, 0);

        await().atMost(START).until(() -> calls.size() == 1);
        assertThat(calls.get(0).revision()).isEqualTo(KEY);
        assertThat(calls.get(0).instanceId()).isEqualTo(id);
        assertThat(calls.get(0).max()).isEqualTo(Duration.ofSeconds(300));
        assertThat(calls.get(0).routedWhenAsked()).as("still in the endpoints when the drain was asked").isFalse();
        assertThat(runtime.instances(KEY)).extracting(InstanceInfo::state).containsExactly(InstanceInfo.State.DRAINING);
        assertThat(isAlive(pid)).as("alive while draining").isTrue();

        drained.complete(null);

        await().atMost(START).until(() -> !isAlive(pid) && runtime.instances(KEY).isEmpty());
    }

    private InstanceDrain drainRecording(List<DrainCall> calls, CompletableFuture<Void> drained) {
        return (revision, instanceId, max) -> {
            boolean routed = runtime.endpoints(revision).ready().stream().anyMatch(e -> e.instanceId().equals(instanceId));
            calls.add(new DrainCall(revision, instanceId, max, routed));
            return drained;
        };
    }
}
