package dev.wisp.platform.api;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.RevisionHealth;
import java.util.List;
import java.util.Optional;

/**
 * The JSON answer of {@code GET .../revisions/{name}/instances}: the runtime's view of one revision,
 * with the image digest the container runtime pinned it to (null for the process runtime).
 */
record RevisionInstancesView(String revision, int desired, int ready, Failure lastFailure, String imageDigest,
                             List<Instance> items) {

    /** The most recent failure of an instance. */
    record Failure(String reason, String message, String at) {
    }

    /** One instance. */
    record Instance(String id, long pid, int port, String state, String startedAt, int restarts) {
    }

    static RevisionInstancesView of(RevisionKey key, RevisionHealth health, List<InstanceInfo> instances,
                                    Optional<String> imageDigest) {
        Failure failure = health.lastFailure().map(f -> new Failure(f.reason(), f.message(), f.at().toString())).orElse(null);
        List<Instance> items = instances.stream()
                .map(i -> new Instance(i.id(), i.pid(), i.port(), i.state().name(),
                        i.startedAt() == null ? null : i.startedAt().toString(), i.restarts()))
                .toList();
        return new RevisionInstancesView(key.name(), health.desired(), health.ready(), failure, imageDigest.orElse(null), items);
    }
}
