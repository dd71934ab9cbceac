package dev.wisp.serving.reconciler.route.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a configuration's traffic to its new latest revision in steps over the rollout duration, as
 * Knative's route reconciler does: the new revision starts at 1% (taken from the newest revision
 * that has traffic); the rest of the way is cut into equal steps of at least 1% and at least one
 * second each; a step moves its percent from the older revisions (newest first) to the new one; a
 * newer revision arriving mid-rollout starts its own rollout on top of the current shares. Pure.
 */
public final class GradualRollout {
    /** The shortest step: Knative's ingress needs at least a second to apply the first 1%. */
    static final long MIN_STEP_MILLIS = 1000;

    private GradualRollout() {
    }

    /**
     * The state to route by now.
     *
     * @param goal     where traffic should end up: each configuration's share on its latest ready revision
     * @param previous the state routed by so far (empty on the first reconcile)
     * @param duration the rollout duration; zero means the goal at once
     */
    public static RolloutState step(RolloutState goal, Optional<RolloutState> previous, Duration duration, Instant now) {
        if (duration.isZero() || previous.isEmpty()) {
            return goal;
        }
        List<ConfigurationRollout> result = new ArrayList<>();
        for (ConfigurationRollout wanted : goal.configurations()) {
            Optional<ConfigurationRollout> before = previous.get().of(wanted.configurationName());
            if (before.isEmpty() || wanted.percent() <= 1) {
                result.add(wanted);
            } else {
                result.add(stepConfiguration(wanted, before.get(), duration, now.toEpochMilli()));
            }
        }
        return new RolloutState(result);
    }

    /** The earliest time a configuration of {@code state} takes its next step, if one is rolling out. */
    public static Optional<Instant> nextStepTime(RolloutState state) {
        return state.configurations().stream()
                .filter(c -> c.inProgress() && c.nextStepTime() > 0)
                .map(c -> Instant.ofEpochMilli(c.nextStepTime()))
                .min(Instant::compareTo);
    }

    private static ConfigurationRollout stepConfiguration(ConfigurationRollout goal, ConfigurationRollout previous,
                                                          Duration duration, long now) {
        List<RevisionShare> shares = adjustedTo(goal.percent(), previous.revisions());
        String goalRevision = goal.newestRevision();
        if (shares.isEmpty() || goalRevision.equals(shares.get(shares.size() - 1).revisionName())) {
            if (shares.size() < 2) {
                return goal;
            }
            ConfigurationRollout sized = new ConfigurationRollout(goal.configurationName(), goal.percent(),
                    shares, previous.startTime(), previous.nextStepTime(), previous.stepMillis(), previous.stepSize());
            return sized.stepSize() > 0 ? stepRevisions(sized, now) : sized;
        }
        return start(goal, shares, duration, now);
    }

    /** Starts rolling {@code goal}'s revision out: 1% taken from the newest revision with traffic. */
    private static ConfigurationRollout start(ConfigurationRollout goal, List<RevisionShare> shares,
                                              Duration duration, long now) {
        List<RevisionShare> taken = new ArrayList<>(shares);
        for (int i = taken.size() - 1; i >= 0; i--) {
            if (taken.get(i).percent() > 0) {
                taken.set(i, taken.get(i).withPercent(taken.get(i).percent() - 1));
                break;
            }
        }
        List<RevisionShare> revisions = new ArrayList<>(taken.stream().filter(r -> r.percent() > 0).toList());
        revisions.add(new RevisionShare(goal.newestRevision(), 1));
        return withStepParameters(goal.configurationName(), goal.percent(), revisions, duration, now);
    }

    /**
     * Knative's step sizing: the time left after the first 1% (at least a second) is cut into steps of
     * at least {@link #MIN_STEP_MILLIS}, no more steps than percents left, each moving an equal share.
     */
    static ConfigurationRollout withStepParameters(String configurationName, int percent, List<RevisionShare> revisions,
                                                   Duration duration, long now) {
        double minStep = MIN_STEP_MILLIS;
        double left = Math.max(MIN_STEP_MILLIS, duration.toMillis() - minStep);
        double steps = Math.max(1, left / minStep);
        double remaining = percent - 1;
        if (remaining < steps) {
            steps = remaining;
        }
        int stepSize = (int) Math.round(remaining / steps);
        long stepMillis = (long) (left / steps);
        return new ConfigurationRollout(configurationName, percent, revisions, now, now + stepMillis, stepMillis, stepSize);
    }

    /**
     * Knative's adjustment when the configuration's total share changed: an increase goes to the
     * newest revision, a decrease is taken from the oldest ones first.
     */
    static List<RevisionShare> adjustedTo(int goal, List<RevisionShare> revisions) {
        List<RevisionShare> shares = new ArrayList<>(revisions);
        int total = shares.stream().mapToInt(RevisionShare::percent).sum();
        int diff = goal - total;
        if (goal == 0 || shares.isEmpty()) {
            return List.of();
        }
        if (diff > 0) {
            int last = shares.size() - 1;
            shares.set(last, shares.get(last).withPercent(shares.get(last).percent() + diff));
        } else if (diff < 0) {
            int cut = -diff;
            while (cut > 0 && !shares.isEmpty()) {
                RevisionShare oldest = shares.get(0);
                if (oldest.percent() > cut) {
                    shares.set(0, oldest.withPercent(oldest.percent() - cut));
                    break;
                }
                cut -= oldest.percent();
                shares.remove(0);
            }
        }
        return shares;
    }

    /** One step, if its time has come: {@code stepSize} percent moves from the older revisions, newest first. */
    static ConfigurationRollout stepRevisions(ConfigurationRollout rollout, long now) {
        if (now < rollout.nextStepTime() || !rollout.inProgress()) {
            return rollout;
        }
        List<RevisionShare> shares = new ArrayList<>(rollout.revisions());
        RevisionShare newest = shares.remove(shares.size() - 1);
        int remaining = rollout.stepSize();
        while (remaining > 0 && !shares.isEmpty()) {
            int last = shares.size() - 1;
            RevisionShare older = shares.get(last);
            if (older.percent() > remaining) {
                shares.set(last, older.withPercent(older.percent() - remaining));
                break;
            }
            remaining -= older.percent();
            shares.remove(last);
        }
        shares.add(newest.withPercent(Math.min(rollout.percent(), newest.percent() + rollout.stepSize())));
        if (shares.size() < 2) {
            return ConfigurationRollout.settled(rollout.configurationName(), rollout.percent(), newest.revisionName());
        }
        return new ConfigurationRollout(rollout.configurationName(), rollout.percent(), shares, rollout.startTime(),
                now + rollout.stepMillis(), rollout.stepMillis(), rollout.stepSize());
    }
}
