package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Chooses the ready instance a request goes to: among the usable instances with a free slot
 * (containerConcurrency 0 means unlimited), the one with the fewest requests in flight; ties are
 * broken at random.
 */
public final class InstancePicker {

    private final RandomGenerator random;

    public InstancePicker(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The instance to use, or empty when every usable instance is at its concurrency limit.
     *
     * @param ready                the revision's ready instances
     * @param containerConcurrency requests one instance may serve at once; 0 = unlimited
     * @param inFlight             requests in flight per instance
     * @param usable               false for instances to skip (for example just refused a connection)
     */
    public Optional<Endpoint> pick(List<Endpoint> ready, int containerConcurrency,
                                   ToIntFunction<Endpoint> inFlight, Predicate<Endpoint> usable) {
        Endpoint best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (Endpoint candidate : ready) {
            int load = inFlight.applyAsInt(candidate);
            boolean hasSlot = containerConcurrency <= 0 || load < containerConcurrency;
            if (!hasSlot || !usable.test(candidate) || load > bestLoad) {
                continue;
            }
            if (load < bestLoad) {
                best = candidate;
                bestLoad = load;
                ties = 1;
            } else if (random.nextInt(++ties) == 0) {
                // Reservoir sampling: each of the equally loaded instances is chosen with equal odds.
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
