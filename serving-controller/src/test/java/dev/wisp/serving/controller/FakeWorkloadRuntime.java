package dev.wisp.serving.controller;

import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.InstanceFailure;
import dev.wisp.serving.runtime.InstanceInfo;
import dev.wisp.serving.runtime.RevisionHealth;
import dev.wisp.serving.runtime.WorkloadRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A {@link WorkloadRuntime} without processes: asked to scale, a revision's instances become
 * ready shortly after (on another thread, as real ones do), unless its container has the
 * environment variable {@code FAIL}, in which case it reports an {@code ExitCode1} failure.
 * Records which revisions were ensured and removed.
 */
final class FakeWorkloadRuntime implements WorkloadRuntime {
    static final String FAILURE_MESSAGE = "Container failed with: exit status 1 (boom)";

    final Set<RevisionKey> ensured = ConcurrentHashMap.newKeySet();
    final Set<RevisionKey> removed = ConcurrentHashMap.newKeySet();
    private final Map<RevisionKey, RevisionHealth> health = new ConcurrentHashMap<>();
    private final Set<RevisionKey> failing = ConcurrentHashMap.newKeySet();
    private final List<Consumer<RevisionKey>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();

    @Override
    public void ensure(Revision revision) {
        RevisionKey key = new RevisionKey(revision.getMetadata().getNamespace(), revision.getMetadata().getName());
        ensured.add(key);
        boolean fails = revision.getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.empty() : c.getEnv().stream())
                .anyMatch(e -> e.getName().equals("FAIL"));
        if (fails) {
            failing.add(key);
        }
        health.putIfAbsent(key, new RevisionHealth(true, 0, 0, false, Optional.empty()));
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        starter.execute(() -> converge(revision, desired));
    }

    private void converge(RevisionKey revision, int desired) {
        RevisionHealth before = health.get(revision);
        if (before == null) {
            return;
        }
        RevisionHealth after = failing.contains(revision)
                ? new RevisionHealth(true, desired, 0, false,
                        Optional.of(new InstanceFailure("ExitCode1", FAILURE_MESSAGE, Instant.now())))
                : new RevisionHealth(true, desired, desired, before.everReady() || desired > 0, Optional.empty());
        health.put(revision, after);
        listeners.forEach(l -> l.accept(revision));
    }

    @Override
    public void remove(RevisionKey revision) {
        if (health.remove(revision) != null) {
            removed.add(revision);
        }
    }

    @Override
    public RevisionHealth health(RevisionKey revision) {
        return health.getOrDefault(revision, RevisionHealth.unregistered());
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        return health(revision).ready();
    }

    @Override
    public void onHealthChange(Consumer<RevisionKey> listener) {
        listeners.add(listener);
    }

    @Override
    public List<InstanceInfo> instances(RevisionKey revision) {
        return List.of();
    }

    @Override
    public List<Path> logFiles(RevisionKey revision) {
        return List.of();
    }

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        return RevisionEndpoints.unknown(revision);
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        // the activator is not part of these tests
    }

    @Override
    public void close() {
        starter.shutdownNow();
    }
}
