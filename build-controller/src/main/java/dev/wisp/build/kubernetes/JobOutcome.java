package dev.wisp.build.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a build Job's state means for its Build (pure): running, succeeded with the digest the build
 * container wrote to its termination message, or failed with the Job's reason and the container's
 * termination message (its last log lines, as {@code FallbackToLogsOnError} keeps them).
 */
public sealed interface JobOutcome {
    Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Still running (or not started). */
    record Running(String message) implements JobOutcome {
    }

    /** Built and pushed; {@code digest} is {@code sha256:...}. */
    record Succeeded(String digest) implements JobOutcome {
    }

    /** Failed: the reason for the Build's condition and what went wrong. */
    record Failed(String reason, String message) implements JobOutcome {
    }

    /** The outcome of {@code job}, whose pods are {@code pods}. */
    static JobOutcome of(Job job, List<Pod> pods) {
        var status = job.getStatus();
        Optional<JobCondition> failed = status == null ? Optional.empty() : status.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        Optional<String> termination = buildTermination(pods);
        if (failed.isPresent()) {
            String message = "Job " + job.getMetadata().getName() + " failed: " + failed.get().getReason()
                    + (failed.get().getMessage() == null ? "" : " (" + failed.get().getMessage() + ")")
                    + termination.map(t -> "\n" + t.strip()).orElse("");
            return new Failed("BuildJobFailed", message);
        }
        boolean complete = status != null && (status.getSucceeded() != null && status.getSucceeded() > 0
                || status.getConditions().stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())));
        if (!complete) {
            return new Running("Job " + job.getMetadata().getName() + " is building");
        }
        Matcher digest = DIGEST.matcher(termination.orElse(""));
        if (!digest.find()) {
            return new Failed("NoImageDigest", "Job " + job.getMetadata().getName()
                    + " succeeded but its build container wrote no sha256 digest to " + BuildJobs.TERMINATION_LOG);
        }
        return new Succeeded(digest.group());
    }

    private static Optional<String> buildTermination(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getStatus() != null)
                .flatMap(p -> Stream.concat(p.getStatus().getInitContainerStatuses().stream(), p.getStatus().getContainerStatuses().stream()))
                .map(ContainerStatus::getState).filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated()).map(ContainerStateTerminated::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .reduce((first, second) -> second);
    }
}
