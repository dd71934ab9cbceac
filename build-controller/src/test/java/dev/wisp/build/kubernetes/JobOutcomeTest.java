package dev.wisp.build.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JobOutcomeTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);

    record Case(String name, Job job, List<Pod> pods, JobOutcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no status yet is running", job(null, 0), List.of(), new JobOutcome.Running("Job b-1 is building")),
                new Case("complete with a digest succeeds", job("Complete", 1), List.of(pod(DIGEST + "\n")), new JobOutcome.Succeeded(DIGEST)),
                new Case("complete without a digest fails", job("Complete", 1), List.of(pod("done")),
                        new JobOutcome.Failed("NoImageDigest", "Job b-1 succeeded but its build container wrote no sha256 digest to /dev/termination-log")),
                new Case("failed carries the reason and the last lines", job("Failed", 0), List.of(pod("[ERROR] boom")),
                        new JobOutcome.Failed("BuildJobFailed", "Job b-1 failed: DeadlineExceeded\n[ERROR] boom")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheJob(Case c) {
        assertThat(JobOutcome.of(c.job(), c.pods())).isEqualTo(c.expected());
    }

    private static Job job(String condition, int succeeded) {
        var builder = new JobBuilder().withNewMetadata().withName("b-1").endMetadata();
        if (condition == null) {
            return builder.build();
        }
        return builder.withNewStatus().withSucceeded(succeeded).withConditions(new JobConditionBuilder().withType(condition)
                .withStatus("True").withReason(condition.equals("Failed") ? "DeadlineExceeded" : null).build()).endStatus().build();
    }

    private static Pod pod(String message) {
        return new PodBuilder().withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("build")
                .withNewState().withNewTerminated().withMessage(message).endTerminated().endState().build()).endStatus().build();
    }
}
