package dev.wisp.serving.controller;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.control.WorkQueue;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.RoutingTable;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.configuration.ConfigurationReconciler;
import dev.wisp.serving.reconciler.retention.RevisionCollector;
import dev.wisp.serving.reconciler.revision.RevisionReconciler;
import dev.wisp.serving.reconciler.route.RouteDomain;
import dev.wisp.serving.reconciler.route.RouteReconciler;
import dev.wisp.serving.reconciler.service.ServiceReconciler;
import dev.wisp.serving.runtime.WorkloadRuntime;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The standalone serving control plane: reconciles Services, Configurations, Revisions and Routes
 * from a de-duplicating work queue on one worker thread, fed by store changes, runtime health
 * changes and a periodic resync, retrying failures with backoff.
 */
public final class ServingController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServingController.class);
    static final String WORKER_THREAD = "wisp-serving-controller";

    private final ResourceStore store;
    private final WorkloadRuntime runtime;
    private final ServingSettings settings;
    private final Map<ResourceKind, Reconciler> reconcilers = new EnumMap<>(ResourceKind.class);
    private final WorkQueue<ResourceKey> queue = new WorkQueue<>();
    private final Map<ResourceKey, Integer> failures = new ConcurrentHashMap<>();
    private final RetryBackoff backoff = RetryBackoff.standard();
    private final OrphanCollector orphans;
    private final ScheduledExecutorService timers;
    private final Thread worker;
    private volatile boolean started;

    public ServingController(ResourceStore store, WorkloadRuntime runtime, AutoscalerControl autoscaler,
                             RoutingTable routing, ServingSettings settings, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.settings = settings;
        this.orphans = new OrphanCollector(store);
        reconcilers.put(ResourceKind.SERVICE, new ServiceReconciler(store, clock));
        reconcilers.put(ResourceKind.CONFIGURATION, new ConfigurationReconciler(store,
                Optional.of(new RevisionCollector(store, runtime, settings.retainedRevisions())), clock));
        reconcilers.put(ResourceKind.REVISION,
                new RevisionReconciler(store, runtime, autoscaler, settings.autoscalerDefaults(), clock));
        reconcilers.put(ResourceKind.ROUTE,
                new RouteReconciler(store, routing, new RouteDomain(settings.domain(), settings.urlPort()),
                        settings.rolloutDuration(), this::requeueRoute, clock));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wisp-serving-controller-timer"));
        this.worker = daemon(this::work, WORKER_THREAD);
    }

    /** Subscribes to changes, queues every stored resource (as after a restart) and starts the worker. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        store.addListener(this::onStoreEvent);
        runtime.onHealthChange(this::onHealthChange);
        enqueueAll();
        worker.start();
        long resyncMillis = settings.resyncInterval().toMillis();
        timers.scheduleWithFixedDelay(this::enqueueAll, resyncMillis, resyncMillis, TimeUnit.MILLISECONDS);
        LOG.infof("serving controller started domain=%s urlPort=%d resync=%s", settings.domain(),
                settings.urlPort(), settings.resyncInterval());
    }

    /** Stops the worker and timers; the store, runtime and routing table stay as they are. */
    @Override
    public void close() {
        queue.shutDown();
        timers.shutdownNow();
        worker.interrupt();
        if (worker.isAlive() && Thread.currentThread() != worker) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onStoreEvent(StoreEvent event) {
        StoreEventKeys.keysFor(event).forEach(queue::add);
    }

    private void onHealthChange(RevisionKey revision) {
        queue.add(new ResourceKey(ResourceKind.REVISION, revision.namespace(), revision.name()));
    }

    private void enqueueAll() {
        try {
            for (ResourceKind kind : ResourceKind.values()) {
                store.list(kind.type(), null).forEach(r ->
                        queue.add(new ResourceKey(kind, r.getMetadata().getNamespace(), r.getMetadata().getName())));
            }
        } catch (RuntimeException e) {
            LOG.warnf("resync failed error=%s", e.toString());
        }
    }

    private void work() {
        queue.runUntilShutDown(this::processOrRetry);
    }

    private void processOrRetry(ResourceKey key) {
        try {
            process(key);
            failures.remove(key);
        } catch (RuntimeException e) {
            retryLater(key, e);
        }
    }

    private void process(ResourceKey key) {
        if (key.isFanOut()) {
            store.list(key.kind().type(), key.namespace()).forEach(r ->
                    queue.add(new ResourceKey(key.kind(), key.namespace(), r.getMetadata().getName())));
            return;
        }
        if (orphans.collectIfOrphaned(key)) {
            return; // its DELETED event brings it back to clean up after it
        }
        reconcilers.get(key.kind()).reconcile(key.namespace(), key.name());
    }

    /** Reconciles a Route again after {@code delay}: the next step of its gradual rollout. */
    private void requeueRoute(String namespace, String name, java.time.Duration delay) {
        try {
            timers.schedule(() -> queue.add(new ResourceKey(ResourceKind.ROUTE, namespace, name)),
                    Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down: no more steps
        }
    }

    private void retryLater(ResourceKey key, RuntimeException e) {
        int attempt = failures.merge(key, 1, Integer::sum);
        java.time.Duration delay = backoff.delay(attempt);
        LOG.warnf("reconcile failed key=%s attempt=%d retryIn=%dms error=%s", key, attempt, delay.toMillis(), e);
        if (attempt == 1) {
            LOG.debugf(e, "reconcile failure detail key=%s", key);
        }
        try {
            timers.schedule(() -> queue.add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down: nothing to retry
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
