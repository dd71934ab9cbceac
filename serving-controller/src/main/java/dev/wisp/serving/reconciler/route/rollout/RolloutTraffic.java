package dev.wisp.serving.reconciler.route.rollout;

import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connects resolved traffic targets with rollout states: the goal is each configuration's total
 * percent on its latest ready revision; applying a state replaces a configuration's latest targets
 * by one target per revision of its rollout (the tag stays on the newest), as Knative's status
 * shows them. Targets of revisions named in the spec are never touched.
 */
public final class RolloutTraffic {

    private RolloutTraffic() {
    }

    /** The goal state of resolved targets (latest targets carry their configuration's name). */
    public static RolloutState goal(List<TrafficTarget> resolved) {
        Map<String, Integer> percents = new LinkedHashMap<>();
        Map<String, String> revisions = new LinkedHashMap<>();
        for (TrafficTarget target : resolved) {
            String configuration = target.getConfigurationName();
            if (configuration != null) {
                percents.merge(configuration, percentOf(target), Integer::sum);
                revisions.put(configuration, target.getRevisionName());
            }
        }
        List<ConfigurationRollout> rollouts = new ArrayList<>();
        percents.forEach((configuration, percent) ->
                rollouts.add(ConfigurationRollout.settled(configuration, percent, revisions.get(configuration))));
        return new RolloutState(rollouts);
    }

    /** The resolved targets with every configuration that is rolling out expanded into its revisions' shares. */
    public static List<TrafficTarget> apply(List<TrafficTarget> resolved, RolloutState state) {
        List<TrafficTarget> result = new ArrayList<>();
        Set<String> expanded = new HashSet<>();
        for (TrafficTarget target : resolved) {
            Optional<ConfigurationRollout> rollout = Optional.ofNullable(target.getConfigurationName())
                    .flatMap(state::of).filter(ConfigurationRollout::inProgress);
            if (rollout.isEmpty() || percentOf(target) == 0) {
                result.add(target);
            } else if (expanded.add(rollout.get().configurationName())) {
                result.addAll(expand(target, rollout.get()));
            } else if (target.getTag() != null) {
                // Its share is in the expansion already; its tag still reaches the newest revision.
                result.add(new TrafficTarget(target.getRevisionName(), target.getConfigurationName(), true, 0L,
                        target.getTag()));
            }
        }
        return result;
    }

    private static List<TrafficTarget> expand(TrafficTarget target, ConfigurationRollout rollout) {
        List<TrafficTarget> shares = new ArrayList<>();
        List<RevisionShare> revisions = rollout.revisions();
        for (int i = 0; i < revisions.size(); i++) {
            boolean newest = i == revisions.size() - 1;
            shares.add(new TrafficTarget(revisions.get(i).revisionName(), target.getConfigurationName(), true,
                    (long) revisions.get(i).percent(), newest ? target.getTag() : null));
        }
        return shares;
    }

    private static int percentOf(TrafficTarget target) {
        return target.getPercent() == null ? 0 : target.getPercent().intValue();
    }
}
