package dev.wisp.activator.dispatch;

import dev.wisp.api.dataplane.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Chooses the ready instance a request goes to. With a concurrency limit: among the usable
 * instances with a free slot, the one with the fewest requests in flight (ties at random). Without
 * a limit (containerConcurrency 0): the less loaded of two usable instances drawn at random
 * ("power of two choices"), which spreads evenly without every request herding to one instance.
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
        if (containerConcurrency <= 0 && ready.size() > 2) {
            Endpoint chosen = twoChoices(ready, inFlight, usable);
            if (chosen != null) {
                return Optional.of(chosen);
            }
        }
        return Optional.ofNullable(leastLoaded(ready, containerConcurrency, inFlight, usable));
    }

    /** The less loaded of two distinct instances drawn at random; null when either draw is unusable. */
    private Endpoint twoChoices(List<Endpoint> ready, ToIntFunction<Endpoint> inFlight, Predicate<Endpoint> usable) {
        int first = random.nextInt(ready.size());
        int second = random.nextInt(ready.size() - 1);
        if (second >= first) {
            second++;
        }
        Endpoint a = ready.get(first);
        Endpoint b = ready.get(second);
        if (!usable.test(a) || !usable.test(b)) {
            return null; // rare (quarantine): fall back to a full scan of the usable ones
        }
        return inFlight.applyAsInt(b) < inFlight.applyAsInt(a) ? b : a;
    }

    private Endpoint leastLoaded(List<Endpoint> ready, int containerConcurrency, ToIntFunction<Endpoint> inFlight,
                                 Predicate<Endpoint> usable) {
        Endpoint best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = 0; i < ready.size(); i++) { // indexed: no iterator per request
            Endpoint candidate = ready.get(i);
            int load = inFlight.applyAsInt(candidate);
            boolean hasSlot = containerConcurrency <= 0 || load < containerConcurrency;
            if (!hasSlot || load > bestLoad || !usable.test(candidate)) {
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
        return best;
    }
}
