package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keeps the revisions one runtime runs, each as its {@link RevisionInstanceSet}: registers and
 * removes them, answers the {@link WorkloadRuntime} queries about them, and on close retires them
 * all and waits for their instances to be gone. Events are logged under the owning runtime's category.
 */
public final class RevisionRegistry {

    private final Logger log;
    private final RuntimeListeners listeners;
    private final Map<RevisionKey, RevisionInstanceSet<?>> revisions = new ConcurrentHashMap<>();
    /** Revisions removed while their instances were still stopping; close waits for them too. */
    private final Map<RevisionKey, CompletableFuture<Void>> retiring = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RevisionRegistry(Logger log, RuntimeListeners listeners) {
        this.log = log;
        this.listeners = listeners;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Registers the revision {@code key} with the set {@code create} makes, or hands an already
     * registered one to {@code refresh}; returns whether it was new.
     */
    public boolean register(RevisionKey key, Function<RevisionKey, RevisionInstanceSet<?>> create,
                            Consumer<RevisionInstanceSet<?>> refresh) {
        boolean[] added = {false};
        revisions.compute(key, (k, existing) -> {
            if (existing != null) {
                refresh.accept(existing);
                return existing;
            }
            added[0] = true;
            return create.apply(k);
        });
        return added[0];
    }

    /** Retires and forgets a revision; {@code whenGone} runs once its instances are gone. */
    public void remove(RevisionKey revision, Runnable whenGone) {
        RevisionInstanceSet<?> instances = revisions.remove(revision);
        if (instances == null) {
            return;
        }
        log.infof("event=revision-removed revision=%s", revision);
        CompletableFuture<Void> gone = instances.retire();
        retiring.put(revision, gone);
        gone.whenComplete((ignored, error) -> {
            retiring.remove(revision, gone);
            whenGone.run();
        });
        listeners.endpointsChanged(revision);
        listeners.healthChanged(revision);
    }

    /** Sets a registered revision's desired scale; false (and nothing changes) when closed or unknown. */
    public boolean setDesiredScale(RevisionKey revision, int desired) {
        RevisionInstanceSet<?> instances = revisions.get(revision);
        if (instances == null || closed) {
            return false;
        }
        instances.setDesired(desired);
        return true;
    }

    public int readyInstances(RevisionKey revision) {
        RevisionInstanceSet<?> instances = revisions.get(revision);
        return instances == null ? 0 : instances.readyCount();
    }

    public RevisionEndpoints endpoints(RevisionKey revision) {
        RevisionInstanceSet<?> instances = revisions.get(revision);
        return instances == null ? RevisionEndpoints.unknown(revision) : instances.endpoints();
    }

    public RevisionHealth health(RevisionKey revision) {
        RevisionInstanceSet<?> instances = revisions.get(revision);
        return instances == null ? RevisionHealth.unregistered() : instances.health();
    }

    public List<InstanceInfo> instances(RevisionKey revision) {
        RevisionInstanceSet<?> instances = revisions.get(revision);
        return instances == null ? List.of() : instances.instances();
    }

    /** Closes the registry and removes every revision through {@code remove}; returns the keys it removed. */
    public List<RevisionKey> closeAndRemoveAll(Consumer<RevisionKey> remove) {
        closed = true;
        List<RevisionKey> keys = List.copyOf(revisions.keySet());
        keys.forEach(remove);
        return keys;
    }

    /** Waits up to {@code bound} until the instances of every removed revision are gone. */
    public void awaitRetired(Duration bound) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture.allOf(retiring.values().toArray(CompletableFuture[]::new))
                .get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The removed revisions whose instances are still stopping. */
    public Set<RevisionKey> stillRetiring() {
        return Collections.unmodifiableSet(retiring.keySet());
    }
}
