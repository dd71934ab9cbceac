package dev.wisp.serving.kubernetes.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionStatus;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStatusPlannerTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(600);

    record Case(String name, boolean wasAvailable, Optional<DeploymentProgress> deployment, Duration elapsed,
                String resourcesAvailable, String reason, String containerHealthy, String ready, String active,
                Optional<Duration> recheckIn) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no deployment yet", false, Optional.empty(), Duration.ZERO,
                        "Unknown", "Deploying", "Unknown", "Unknown", "Unknown", Optional.empty()),
                new Case("pods coming up: recheck at the deadline", false, deployment(1, 0, 0, Optional.empty()),
                        Duration.ofSeconds(100), "Unknown", "Deploying", "Unknown", "Unknown", "Unknown",
                        Optional.of(Duration.ofSeconds(500))),
                new Case("available", false, deployment(1, 1, 1, Optional.empty()), Duration.ofSeconds(5),
                        "True", null, "True", "True", "True", Optional.empty()),
                new Case("scaled to zero after being available stays ready", true, deployment(0, 0, 0, Optional.empty()),
                        Duration.ofSeconds(5000), "True", null, "True", "True", "False", Optional.empty()),
                new Case("progressing false with ProgressDeadlineExceeded", false,
                        deployment(1, 0, 0, Optional.of("timed out")), Duration.ofSeconds(30),
                        "False", "ProgressDeadlineExceeded", "Unknown", "False", "Unknown", Optional.empty()),
                new Case("never available by the clock", false, deployment(1, 0, 0, Optional.empty()),
                        Duration.ofSeconds(600), "False", "ProgressDeadlineExceeded", "Unknown", "False", "Unknown",
                        Optional.empty()),
                new Case("available after the deadline recovers", false, deployment(1, 1, 1, Optional.of("timed out")),
                        Duration.ofSeconds(900), "True", null, "True", "True", "True", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statusFollowsTheDeployment(Case c) {
        Revision revision = new Revision();
        revision.setMetadata(new ObjectMetaBuilder().withName("hello-00001").withNamespace("ns").withGeneration(1L).build());
        if (c.wasAvailable()) {
            revision.getStatus().markTrue(RevisionStatus.RESOURCES_AVAILABLE, CREATED);
        }
        RevisionStatusPlan plan = DeploymentStatusPlanner.plan(revision, c.deployment(), DEADLINE, CREATED.plus(c.elapsed()));

        RevisionStatus status = plan.status();
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        Condition available = status.condition(RevisionStatus.RESOURCES_AVAILABLE).orElseThrow();
        assertThat(available.getStatus()).isEqualTo(c.resourcesAvailable());
        assertThat(available.getReason()).isEqualTo(c.reason());
        assertThat(status.condition(RevisionStatus.CONTAINER_HEALTHY).orElseThrow().getStatus()).isEqualTo(c.containerHealthy());
        assertThat(status.condition(KnativeStatus.READY).orElseThrow().getStatus()).isEqualTo(c.ready());
        assertThat(status.condition(RevisionStatus.ACTIVE).orElseThrow().getStatus()).isEqualTo(c.active());
        assertThat(plan.recheckIn()).isEqualTo(c.recheckIn());
        if ("ProgressDeadlineExceeded".equals(c.reason())) {
            assertThat(available.getMessage()).contains("Initial scale was never achieved").contains("600s");
        }
    }

    private static Optional<DeploymentProgress> deployment(int desired, int ready, int available, Optional<String> exceeded) {
        return Optional.of(new DeploymentProgress(desired, ready, available, Optional.of(CREATED), exceeded));
    }
}
