package dev.wisp.build;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.control.WorkQueue;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.build.bundle.BundleStore;
import dev.wisp.build.reconciler.BuildReconciler;
import dev.wisp.build.image.ImageLoader;
import dev.wisp.build.run.BuildExecutor;
import dev.wisp.build.run.ImageStage;
import dev.wisp.build.run.BuildLogs;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The standalone build control plane: reconciles Builds from a de-duplicating work queue on one
 * worker thread (builds run one at a time), fed by changes to Builds and to the Services they
 * target (a deleted Service too: its Builds drop its URL). A reconcile that fails is logged and retried on the Build's next change or Service event.
 */
public final class BuildController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BuildController.class);

    /** A Build's key in the queue. */
    record Key(String namespace, String name) {
    }

    private final ResourceStore store;
    private final BuildLogs logs;
    private final BuildReconciler reconciler;
    private final WorkQueue<Key> queue = new WorkQueue<>();
    private final Thread worker;
    private volatile boolean started;

    /** A controller whose OCI builds stop at the image archive (no engine to load it into). */
    public BuildController(ResourceStore store, BuildSettings settings, Clock clock) {
        this(store, settings, clock, Optional.empty());
    }

    /** A controller that loads OCI builds into the container engine through {@code imageLoader}, when present. */
    public BuildController(ResourceStore store, BuildSettings settings, Clock clock, Optional<ImageLoader> imageLoader) {
        this.store = store;
        this.logs = new BuildLogs(settings.stateDir());
        BuildExecutor executor = new BuildExecutor(settings, logs, new BundleStore(settings.stateDir()));
        this.reconciler = new BuildReconciler(store, executor, new ImageStage(settings, logs, imageLoader), clock);
        this.worker = new Thread(() -> queue.runUntilShutDown(this::process), "wisp-build-controller");
        this.worker.setDaemon(true);
    }

    /** The build logs, for the API's log endpoint. */
    public BuildLogs logs() {
        return logs;
    }

    /** Subscribes to store changes, queues every stored Build (as after a restart) and starts the worker. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        store.addListener(this::onStoreEvent);
        store.list(Build.class, null).forEach(b -> queue.add(key(b)));
        worker.start();
        LOG.info("build controller started");
    }

    private void onStoreEvent(StoreEvent event) {
        if (event.resource() instanceof Build build) {
            if (event.type() == StoreEvent.Type.DELETED) {
                return;
            }
            queue.add(key(build));
        } else if (event.resource() instanceof Service service) {
            String ns = service.getMetadata().getNamespace();
            store.list(Build.class, ns).stream()
                    .filter(b -> Objects.equals(b.getSpec().getTarget().getService(), service.getMetadata().getName()))
                    .forEach(b -> queue.add(key(b)));
        }
    }

    private void process(Key key) {
        try {
            reconciler.reconcile(key.namespace(), key.name());
        } catch (RuntimeException e) {
            LOG.warnf(e, "build reconcile failed namespace=%s name=%s", key.namespace(), key.name());
        }
    }

    private static Key key(Build build) {
        return new Key(build.getMetadata().getNamespace(), build.getMetadata().getName());
    }

    /** Stops the worker; a build step still running is killed by the interrupt. */
    @Override
    public void close() {
        queue.shutDown();
        worker.interrupt();
        if (worker.isAlive() && Thread.currentThread() != worker) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
