package dev.wisp.serving.reconciler.route.rollout;

import java.util.List;

/**
 * The rollout of one configuration's share of a route, as Knative keeps it: the configuration's
 * total {@code percent}, its revisions from oldest to newest with their shares (one revision when no
 * rollout is going on), and the step parameters (epoch milliseconds; all 0 when not stepping).
 *
 * @param startTime    when the newest revision got its first 1%
 * @param nextStepTime when the next step moves {@code stepSize} more percent to the newest revision
 * @param stepMillis   the time between steps
 * @param stepSize     the percent moved per step
 */
public record ConfigurationRollout(String configurationName, int percent, List<RevisionShare> revisions,
                                   long startTime, long nextStepTime, long stepMillis, int stepSize) {

    public ConfigurationRollout {
        revisions = List.copyOf(revisions);
    }

    /** A configuration whose whole share goes to one revision. */
    public static ConfigurationRollout settled(String configurationName, int percent, String revisionName) {
        return new ConfigurationRollout(configurationName, percent, List.of(new RevisionShare(revisionName, percent)),
                0, 0, 0, 0);
    }

    /** Whether a rollout is going on (more than one revision holds a share). */
    public boolean inProgress() {
        return revisions.size() > 1;
    }

    /** The newest revision: the one being rolled out. */
    public String newestRevision() {
        return revisions.isEmpty() ? null : revisions.get(revisions.size() - 1).revisionName();
    }

    /** Whether the shares are consistent (Knative discards a rollout state that is not). */
    boolean valid() {
        int total = revisions.stream().mapToInt(RevisionShare::percent).sum();
        return percent >= 0 && percent <= 100 && total == percent && stepSize >= 0 && stepSize <= percent;
    }
}
