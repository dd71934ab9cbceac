package dev.wisp.serving.reconciler.revision;

import static dev.wisp.serving.reconciler.Fixtures.NOW;
import static dev.wisp.serving.reconciler.Fixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.RevisionHealth;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionStatusPlannerTest {
    private static final InstanceFailure EXIT_1 = new InstanceFailure("ExitCode1",
            "Container failed with: exit status 1", NOW);

    record Case(String name, RevisionHealth health, int desiredScale,
                String containerHealthy, String resourcesAvailable, String ready, String readyReason,
                String active, String activeReason, int actualReplicas, int desiredReplicas) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("registered, starting", health(1, 0, false, null), 1,
                        Condition.UNKNOWN, Condition.UNKNOWN, Condition.UNKNOWN, RevisionStatusPlanner.DEPLOYING,
                        Condition.UNKNOWN, RevisionStatusPlanner.ACTIVATING, 0, 1),
                new Case("first instance ready", health(1, 1, true, null), 1,
                        Condition.TRUE, Condition.TRUE, Condition.TRUE, null, Condition.TRUE, null, 1, 1),
                new Case("scaled to zero stays ready", health(0, 0, true, null), 0,
                        Condition.TRUE, Condition.TRUE, Condition.TRUE, null,
                        Condition.FALSE, RevisionStatusPlanner.NO_TRAFFIC, 0, 0),
                new Case("waking from zero", health(0, 0, true, null), 2,
                        Condition.TRUE, Condition.TRUE, Condition.TRUE, null,
                        Condition.UNKNOWN, RevisionStatusPlanner.ACTIVATING, 0, 2),
                new Case("never ready and failed", health(1, 0, false, EXIT_1), 1,
                        Condition.FALSE, Condition.FALSE, Condition.FALSE, "ExitCode1",
                        Condition.UNKNOWN, RevisionStatusPlanner.ACTIVATING, 0, 1),
                new Case("was ready, now crashing", health(2, 1, true, EXIT_1), 2,
                        Condition.FALSE, Condition.TRUE, Condition.FALSE, "ExitCode1", Condition.TRUE, null, 1, 2),
                new Case("autoscaler not tracking: runtime's desired count", health(3, 3, true, null), -1,
                        Condition.TRUE, Condition.TRUE, Condition.TRUE, null, Condition.TRUE, null, 3, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statusFollowsHealth(Case c) {
        RevisionStatus status = RevisionStatusPlanner.plan(revision("hello-00001"), c.health(), c.desiredScale(), NOW);

        assertThat(status(status, RevisionStatus.CONTAINER_HEALTHY)).isEqualTo(c.containerHealthy());
        assertThat(status(status, RevisionStatus.RESOURCES_AVAILABLE)).isEqualTo(c.resourcesAvailable());
        Condition ready = status.condition(KnativeStatus.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(c.ready());
        assertThat(ready.getReason()).isEqualTo(c.readyReason());
        Condition active = status.condition(RevisionStatus.ACTIVE).orElseThrow();
        assertThat(active.getStatus()).isEqualTo(c.active());
        assertThat(active.getReason()).isEqualTo(c.activeReason());
        assertThat(status.getActualReplicas()).isEqualTo(c.actualReplicas());
        assertThat(status.getDesiredReplicas()).isEqualTo(c.desiredReplicas());
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        if (c.health().lastFailure().isPresent()) {
            assertThat(status.condition(RevisionStatus.CONTAINER_HEALTHY).orElseThrow().getMessage())
                    .isEqualTo("Container failed with: exit status 1");
        }
        if (RevisionStatusPlanner.NO_TRAFFIC.equals(c.activeReason())) {
            assertThat(active.getMessage()).isEqualTo("The target is not receiving traffic.");
        }
    }

    private static RevisionHealth health(int desired, int ready, boolean everReady, InstanceFailure failure) {
        return new RevisionHealth(true, desired, ready, everReady, Optional.ofNullable(failure));
    }

    private static String status(RevisionStatus status, String type) {
        return status.condition(type).map(Condition::getStatus).orElse(null);
    }
}
