package dev.wisp.eventing.reconciler;

import dev.wisp.api.control.WorkQueue;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.eventing.dispatcher.Dispatcher;
import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.kafka.KafkaEventPublisher;
import dev.wisp.eventing.receiver.BrokerReceiver;
import dev.wisp.eventing.receiver.ConcurrentBrokerDirectory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Eventing: the broker receiver, the trigger dispatchers and the reconcilers of Brokers and Triggers,
 * fed by store changes and a periodic resync from a de-duplicating queue on one worker thread,
 * failures retried with backoff; Trigger counts written every few seconds. Standalone runs all of it;
 * in Kubernetes mode each role runs its {@link EventingParts} against a store on the API server.
 */
public final class EventingController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventingController.class);

    private final ResourceStore store;
    private final EventingSettings settings;
    private final KafkaEventPublisher publisher;
    private final BrokerTopics topics;
    private final BrokerReceiver receiver;
    private final Dispatcher dispatcher;
    private final ConcurrentBrokerDirectory directory = new ConcurrentBrokerDirectory();
    private final WorkQueue<EventingKey> queue = new WorkQueue<>();
    private final Map<EventingKey, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Thread worker;
    private final Clock clock;
    private final EventingParts parts;
    private BrokerReconciler brokers;
    private TriggerReconciler triggers;
    private int receiverPort = -1;

    /** All of eventing in one process (standalone). */
    public EventingController(ResourceStore store, Vertx vertx, EventingSettings settings, Clock clock) {
        this(store, vertx, settings, clock, EventingParts.ALL);
    }

    /** The given parts of eventing (a Kubernetes-mode role). */
    public EventingController(ResourceStore store, Vertx vertx, EventingSettings settings, Clock clock,
                              EventingParts parts) {
        this.parts = parts;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.publisher = new KafkaEventPublisher(settings.bootstrap(), "wisp-broker");
        this.topics = new BrokerTopics(settings.bootstrap(), settings.topics());
        this.receiver = new BrokerReceiver(vertx, settings.receiver(), directory, publisher);
        this.dispatcher = new Dispatcher(vertx, settings.bootstrap(), publisher, clock);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wisp-eventing-timer"));
        this.worker = daemon(this::work, "wisp-eventing-controller");
    }

    /**
     * Starts the receiver (if this process runs it), subscribes to store changes, queues every Broker
     * and Trigger and starts the worker; returns the receiver's port, -1 without a receiver.
     */
    public synchronized int start() throws Exception {
        if (parts.receiver()) {
            receiverPort = receiver.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        String receiverBase = parts.receiverUrl() != null ? parts.receiverUrl()
                : "http://" + settings.receiver().host() + ":" + receiverPort;
        brokers = new BrokerReconciler(store, topics, directory, receiverBase, clock);
        triggers = new TriggerReconciler(store, topics, dispatcher, new DestinationResolver(store, settings.domain(),
                settings.activatorHost(), settings.activatorPort(), receiverBase), settings.maxInFlight(), clock);
        store.addListener(this::onStoreEvent);
        enqueueAll();
        worker.start();
        long resync = settings.resyncInterval().toMillis();
        timers.scheduleWithFixedDelay(this::enqueueAll, resync, resync, TimeUnit.MILLISECONDS);
        long counts = settings.countsInterval().toMillis();
        timers.scheduleWithFixedDelay(this::enqueueCounts, counts, counts, TimeUnit.MILLISECONDS);
        LOG.infof("eventing started kafka=%s receiver=%s parts=%s", settings.bootstrap(), receiverBase, parts);
        return receiverPort;
    }

    /** The port the broker ingress listens on (once started; -1 when this process runs no receiver). */
    public int receiverPort() {
        return receiverPort;
    }

    /** The trigger dispatchers: metrics, parked events and replays for the API. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    private void onStoreEvent(StoreEvent event) {
        HasMetadata resource = event.resource();
        String namespace = resource.getMetadata().getNamespace();
        if (resource instanceof Broker) {
            queue.add(new EventingKey(EventingKey.Kind.BROKER, namespace, resource.getMetadata().getName()));
            queue.add(EventingKey.allTriggersIn(namespace));
        } else if (resource instanceof Trigger) {
            queue.add(new EventingKey(EventingKey.Kind.TRIGGER, namespace, resource.getMetadata().getName()));
        } else if (resource instanceof Service) {
            queue.add(EventingKey.allTriggersIn(namespace));
        }
    }

    private void enqueueAll() {
        try {
            if (parts.receiver()) {
                store.list(Broker.class, null).forEach(b -> queue.add(key(EventingKey.Kind.BROKER, b)));
            }
            if (parts.dispatcher()) {
                store.list(Trigger.class, null).forEach(t -> queue.add(key(EventingKey.Kind.TRIGGER, t)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("eventing resync failed error=%s", e.toString());
        }
    }

    private void enqueueCounts() {
        if (!parts.dispatcher()) {
            return;
        }
        try {
            store.list(Trigger.class, null).forEach(t -> queue.add(key(EventingKey.Kind.TRIGGER_COUNTS, t)));
        } catch (RuntimeException e) {
            LOG.warnf("trigger counts refresh failed error=%s", e.toString());
        }
    }

    private static EventingKey key(EventingKey.Kind kind, HasMetadata resource) {
        return new EventingKey(kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    private void work() {
        queue.runUntilShutDown(this::processOrRetry);
    }

    private void processOrRetry(EventingKey key) {
        try {
            process(key);
            failures.remove(key);
        } catch (RuntimeException e) {
            retryLater(key, e);
        }
    }

    private void process(EventingKey key) {
        if (!runs(key.kind())) {
            return;
        }
        if (key.isFanOut()) {
            store.list(Trigger.class, key.namespace()).forEach(t -> queue.add(key(EventingKey.Kind.TRIGGER, t)));
            return;
        }
        switch (key.kind()) {
            case BROKER -> brokers.reconcile(key.namespace(), key.name());
            case TRIGGER_COUNTS -> triggers.refreshCounts(key.namespace(), key.name());
            case TRIGGER -> {
                if (triggers.reconcile(key.namespace(), key.name())) {
                    schedule(key, Duration.ofMillis(200));
                }
            }
        }
    }

    private boolean runs(EventingKey.Kind kind) {
        return kind == EventingKey.Kind.BROKER ? parts.receiver() : parts.dispatcher();
    }

    private void retryLater(EventingKey key, RuntimeException e) {
        int attempt = failures.merge(key, 1, Integer::sum);
        Duration delay = Duration.ofMillis(Math.min(30_000, 200L << Math.min(attempt - 1, 8)));
        LOG.warnf("eventing reconcile failed key=%s attempt=%d retryIn=%dms error=%s", key, attempt, delay.toMillis(), e);
        schedule(key, delay);
    }

    private void schedule(EventingKey key, Duration delay) {
        try {
            timers.schedule(() -> queue.add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Stops the worker, the dispatchers (committing what is resolved) and the receiver; Kafka keeps the rest. */
    @Override
    public void close() {
        queue.shutDown();
        timers.shutdownNow();
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        if (parts.receiver()) {
            try {
                receiver.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("receiver stop failed error=%s", e.toString());
            }
        }
        publisher.close();
        topics.close();
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
