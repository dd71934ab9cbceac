package dev.wisp.activator.handler;

import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.Replies;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Picks the revision a request goes to, at random weighted by the route's percents. A 0% target is
 * never chosen unless it is the only one.
 */
public final class TrafficSplitter implements RouteHandler {

    private final RandomGenerator random;
    private final RevisionHandler next;

    public TrafficSplitter(RandomGenerator random, RevisionHandler next) {
        this.random = random;
        this.next = next;
    }

    @Override
    public void handle(Exchange exchange, HostRoute route) {
        Optional<RevisionKey> revision = choose(route.targets(), random);
        if (revision.isEmpty()) {
            Replies.text(exchange, 503, "route " + route.namespace() + "/" + route.routeName()
                    + " has no traffic targets for host \"" + route.host() + "\"");
            return;
        }
        next.handle(exchange, revision.get());
    }

    /** A weighted random choice among {@code targets}; empty when there are none. */
    public static Optional<RevisionKey> choose(List<WeightedRevision> targets, RandomGenerator random) {
        int total = totalPercent(targets);
        return choose(targets, total <= 0 ? 0 : random.nextInt(total));
    }

    /**
     * The target that {@code roll} (in [0, total percent)) falls on, walking the targets in order;
     * the first target when all have 0%.
     */
    public static Optional<RevisionKey> choose(List<WeightedRevision> targets, int roll) {
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        int remaining = roll;
        for (int i = 0; i < targets.size(); i++) { // indexed: no iterator per request
            WeightedRevision target = targets.get(i);
            int percent = Math.max(0, target.percent());
            if (remaining < percent) {
                return Optional.of(target.revision());
            }
            remaining -= percent;
        }
        return Optional.of(targets.get(0).revision());
    }

    private static int totalPercent(List<WeightedRevision> targets) {
        int total = 0;
        for (int i = 0; i < targets.size(); i++) {
            total += Math.max(0, targets.get(i).percent());
        }
        return total;
    }
}
