package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RuntimeAnnotation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A workload runtime that runs each revision on one of several runtimes (standalone {@code process}
 * and {@code container}): the one its {@value RuntimeAnnotation#KEY} annotation names, else the
 * default. A revision asking for a runtime this Wisp does not run reports why in its health.
 */
public final class RoutingWorkloadRuntime implements WorkloadRuntime {

    /** The condition reason of a revision whose runtime is not available. */
    public static final String RUNTIME_UNAVAILABLE = "RuntimeUnavailable";

    private final String defaultRuntime;
    private final Map<String, WorkloadRuntime> runtimes;
    private final Clock clock;
    private final Map<RevisionKey, WorkloadRuntime> chosen = new ConcurrentHashMap<>();
    private final Map<RevisionKey, InstanceFailure> unavailable = new ConcurrentHashMap<>();
    private final List<Consumer<RevisionKey>> healthListeners = new CopyOnWriteArrayList<>();

    /** Routes among {@code runtimes} by name; {@code defaultRuntime} must be one of them. */
    public RoutingWorkloadRuntime(String defaultRuntime, Map<String, WorkloadRuntime> runtimes, Clock clock) {
        if (!runtimes.containsKey(defaultRuntime)) {
            throw new IllegalArgumentException("the default runtime " + defaultRuntime + " is not among " + runtimes.keySet());
        }
        this.defaultRuntime = defaultRuntime;
        this.runtimes = new LinkedHashMap<>(runtimes);
        this.clock = clock;
    }

    /** Which runtime runs a revision with {@code annotations}: the one named, else {@code defaultRuntime}. */
    public static String choose(Map<String, String> annotations, String defaultRuntime) {
        return RuntimeAnnotation.of(annotations).orElse(defaultRuntime);
    }

    /** Why a revision asking for {@code runtime} cannot run here, or empty when one of {@code available} is it. */
    public static Optional<String> problem(String runtime, Set<String> available) {
        if (available.contains(runtime)) {
            return Optional.empty();
        }
        return Optional.of("the revision's annotation " + RuntimeAnnotation.KEY + ": " + runtime
                + " names a runtime this Wisp does not run (it runs " + String.join(", ", available)
                + "); start `wisp up --runtime auto` with a container engine (or --container-socket PATH), or remove the annotation");
    }

    @Override
    public void ensure(Revision revision) {
        RevisionKey key = RevisionKeys.of(revision);
        String name = choose(revision.getMetadata().getAnnotations(), defaultRuntime);
        Optional<String> problem = problem(name, runtimes.keySet());
        if (problem.isPresent()) {
            if (unavailable.putIfAbsent(key, new InstanceFailure(RUNTIME_UNAVAILABLE, problem.get(), clock.instant())) == null) {
                healthListeners.forEach(listener -> listener.accept(key));
            }
            return;
        }
        WorkloadRuntime runtime = runtimes.get(name);
        chosen.put(key, runtime);
        runtime.ensure(revision);
    }

    @Override
    public void remove(RevisionKey revision) {
        unavailable.remove(revision);
        WorkloadRuntime runtime = chosen.remove(revision);
        if (runtime != null) {
            runtime.remove(revision);
        }
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        WorkloadRuntime runtime = chosen.get(revision);
        if (runtime != null) {
            runtime.setDesiredScale(revision, desired);
        }
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        WorkloadRuntime runtime = chosen.get(revision);
        return runtime == null ? 0 : runtime.readyInstances(revision);
    }

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        WorkloadRuntime runtime = chosen.get(revision);
        return runtime == null ? RevisionEndpoints.unknown(revision) : runtime.endpoints(revision);
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        distinctRuntimes().forEach(runtime -> runtime.subscribe(listener));
    }

    @Override
    public RevisionHealth health(RevisionKey revision) {
        InstanceFailure failure = unavailable.get(revision);
        if (failure != null) {
            return new RevisionHealth(true, 0, 0, false, Optional.of(failure));
        }
        WorkloadRuntime runtime = chosen.get(revision);
        return runtime == null ? RevisionHealth.unregistered() : runtime.health(revision);
    }

    @Override
    public List<InstanceInfo> instances(RevisionKey revision) {
        WorkloadRuntime runtime = chosen.get(revision);
        return runtime == null ? List.of() : runtime.instances(revision);
    }

    @Override
    public Optional<String> imageDigest(RevisionKey revision) {
        WorkloadRuntime runtime = chosen.get(revision);
        return runtime == null ? Optional.empty() : runtime.imageDigest(revision);
    }

    @Override
    public List<Path> logFiles(RevisionKey revision) {
        return chosen.getOrDefault(revision, runtimes.get(defaultRuntime)).logFiles(revision);
    }

    @Override
    public void onHealthChange(Consumer<RevisionKey> listener) {
        healthListeners.add(listener);
        distinctRuntimes().forEach(runtime -> runtime.onHealthChange(listener));
    }

    /** The runtime registered under {@code name}, if this Wisp runs it. */
    public Optional<WorkloadRuntime> runtime(String name) {
        return Optional.ofNullable(runtimes.get(name));
    }

    @Override
    public void close() {
        distinctRuntimes().forEach(WorkloadRuntime::close);
    }

    private Set<WorkloadRuntime> distinctRuntimes() {
        Set<WorkloadRuntime> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(runtimes.values());
        return distinct;
    }
}
