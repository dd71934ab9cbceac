package dev.wisp.api.dataplane;

import java.util.List;

/**
 * What the activator does with requests for one host: split them between revisions by percent.
 * A tag host has a single target at 100 percent.
 */
public record HostRoute(String host, String namespace, String routeName, List<WeightedRevision> targets) {
    public HostRoute {
        targets = List.copyOf(targets);
    }
}
