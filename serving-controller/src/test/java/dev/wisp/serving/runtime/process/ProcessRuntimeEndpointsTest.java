package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.hello;
import static dev.wisp.serving.runtime.process.Revisions.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The endpoints the activator reads on every request: one immutable snapshot per revision, the same
 * object until the ready instances or the revision's settings change, already current when the
 * endpoint subscribers are told of a change.
 */
class ProcessRuntimeEndpointsTest extends ProcessRuntimeTestBase {

    @Test
    void theSnapshotChangesOnlyWhenTheReadyInstancesChange() {
        runtime.ensure(revision(KEY.name(), hello()));
        RevisionEndpoints idle = runtime.endpoints(KEY);
        assertThat(idle.ready()).isEmpty();
        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
        RevisionEndpoints ready = runtime.endpoints(KEY);

        assertThat(ready.ready()).hasSize(1);
        assertThat(runtime.endpoints(KEY)).isSameAs(ready);
        assertThat(runtime.endpoints(KEY).ready()).isSameAs(ready.ready());
        runtime.setDesiredScale(KEY, 1);
        assertThat(runtime.endpoints(KEY)).as("a scale that changes nothing keeps the snapshot").isSameAs(ready);
    }

    @Test
    void subscribersSeeTheNewSnapshotWhenTold() {
        List<List<Endpoint>> seen = new CopyOnWriteArrayList<>();
        runtime.subscribe(revision -> seen.add(runtime.endpoints(revision).ready()));
        runtime.ensure(revision(KEY.name(), hello()));
        runtime.setDesiredScale(KEY, 1);
        await().atMost(START).until(() -> seen.size() == 1);
        assertThat(seen.get(0)).as("told it became ready").hasSize(1);

        runtime.setDesiredScale(KEY, 0);

        await().atMost(START).until(() -> seen.size() >= 2);
        assertThat(seen.get(1)).as("told it left the rotation").isEmpty();
        assertThat(runtime.readyInstances(KEY)).isZero();
    }

    @Test
    void aRefreshedRevisionPublishesItsNewSettings() {
        runtime.ensure(revision(KEY.name(), hello(), r -> r.getSpec().setTimeoutSeconds(60L)));
        RevisionEndpoints before = runtime.endpoints(KEY);

        runtime.ensure(revision(KEY.name(), hello(), r -> {
            r.getSpec().setTimeoutSeconds(20L);
            r.getSpec().setContainerConcurrency(4L);
        }));

        RevisionEndpoints after = runtime.endpoints(KEY);
        assertThat(before.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(after.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(after.containerConcurrency()).isEqualTo(4);
    }
}
