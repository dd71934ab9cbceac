package dev.wisp.eventing.dispatcher;

import dev.wisp.eventing.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The dispatchers of all Triggers: started, restarted when their subscription changes, stopped
 * when their Trigger goes; their metrics, parked events and replays. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Vertx vertx;
    private final String bootstrap;
    private final EventPublisher publisher;
    private final Clock clock;
    private final HttpEventSender sender;
    private final ParkedEvents parked;
    private final Map<String, TriggerDispatcher> running = new ConcurrentHashMap<>();
    private final Map<String, TriggerMetrics> metrics = new ConcurrentHashMap<>();
    private final Map<String, TriggerMeters> published = new ConcurrentHashMap<>();
    private MeterRegistry registry;

    public Dispatcher(Vertx vertx, String bootstrap, EventPublisher publisher, Clock clock) {
        this.vertx = vertx;
        this.bootstrap = bootstrap;
        this.publisher = publisher;
        this.clock = clock;
        this.sender = new HttpEventSender(vertx, 200);
        this.parked = new ParkedEvents(bootstrap);
    }

    /** Starts the Trigger's dispatcher, or restarts it when its subscription changed. */
    public synchronized void apply(TriggerSubscription trigger) {
        TriggerDispatcher current = running.get(trigger.key());
        if (current != null && current.subscription().sameAs(trigger)) {
            return;
        }
        if (current != null) {
            current.close();
        }
        running.put(trigger.key(), new TriggerDispatcher(trigger, bootstrap, delivery(trigger), metricsOf(trigger.key())).start());
        LOG.infof("trigger dispatching trigger=%s subscriber=%s", trigger.key(), trigger.subscriber().displayUrl());
    }

    /** Stops the Trigger's dispatcher; its metrics go with it. */
    public synchronized void remove(String namespace, String name) {
        String key = namespace + "/" + name;
        TriggerDispatcher current = running.remove(key);
        if (current != null) {
            current.close();
        }
        metrics.remove(key);
        TriggerMeters meters = published.remove(key);
        if (meters != null) {
            meters.remove();
        }
    }

    /**
     * Publishes every Trigger's metrics (those dispatching now and those to come) to {@code meters},
     * tagged {@code namespace} and {@code trigger}; see {@link TriggerMeters}.
     */
    public synchronized void publishMetrics(MeterRegistry meters) {
        this.registry = meters;
        metrics.forEach(this::publish);
    }

    private void publish(String key, TriggerMetrics triggerMetrics) {
        if (registry == null || published.containsKey(key)) {
            return;
        }
        int slash = key.indexOf('/');
        published.put(key, TriggerMeters.publish(registry, key.substring(0, slash), key.substring(slash + 1), triggerMetrics));
    }

    public boolean isReady(String namespace, String name) {
        TriggerDispatcher current = running.get(namespace + "/" + name);
        return current != null && current.isReady();
    }

    public Optional<TriggerMetrics.Snapshot> metrics(String namespace, String name) {
        return Optional.ofNullable(metrics.get(namespace + "/" + name)).map(TriggerMetrics::snapshot);
    }

    /** The Trigger's parked events not yet replayed; empty when the Trigger is not dispatching. */
    public Optional<List<ParkedEvent>> parked(String namespace, String name) {
        return subscription(namespace, name).map(parked::list);
    }

    /** Replays the Trigger's parked events to its current subscriber; empty when the Trigger is not dispatching. */
    public Optional<ReplayResult> replay(String namespace, String name) throws Exception {
        Optional<TriggerSubscription> trigger = subscription(namespace, name);
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parked.replay(trigger.get(), delivery(trigger.get())));
    }

    private Optional<TriggerSubscription> subscription(String namespace, String name) {
        return Optional.ofNullable(running.get(namespace + "/" + name)).map(TriggerDispatcher::subscription);
    }

    private EventDelivery delivery(TriggerSubscription trigger) {
        return new EventDelivery(vertx, sender, publisher, metricsOf(trigger.key()), clock);
    }

    private synchronized TriggerMetrics metricsOf(String key) {
        TriggerMetrics triggerMetrics = metrics.computeIfAbsent(key, k -> new TriggerMetrics());
        publish(key, triggerMetrics);
        return triggerMetrics;
    }

    @Override
    public synchronized void close() {
        running.values().forEach(TriggerDispatcher::close);
        running.clear();
        published.values().forEach(TriggerMeters::remove);
        published.clear();
        sender.close();
    }
}
