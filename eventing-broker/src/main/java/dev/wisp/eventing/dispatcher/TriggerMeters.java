package dev.wisp.eventing.dispatcher;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes one Trigger's {@link TriggerMetrics} as Micrometer meters tagged {@code namespace} and
 * {@code trigger}: counters {@code wisp.trigger.events.{received,filtered,delivered,retried,deadlettered,parked}},
 * the gauge {@code wisp.trigger.consumer.lag} and the timer {@code wisp.trigger.delivery.latency}
 * (with a histogram, so Prometheus gets {@code _bucket} series); {@link #remove()} takes them away.
 */
public final class TriggerMeters {
    static final String PREFIX = "wisp.trigger.";

    private final MeterRegistry registry;
    private final TriggerMetrics metrics;
    private final List<Meter> meters;

    private TriggerMeters(MeterRegistry registry, TriggerMetrics metrics, List<Meter> meters) {
        this.registry = registry;
        this.metrics = metrics;
        this.meters = meters;
    }

    /** Registers the Trigger's meters in {@code registry}; they read {@code metrics} when scraped. */
    public static TriggerMeters publish(MeterRegistry registry, String namespace, String trigger, TriggerMetrics metrics) {
        Tags tags = Tags.of("namespace", namespace, "trigger", trigger);
        Timer latency = Timer.builder(PREFIX + "delivery.latency")
                .description("Time from an event's receipt from Kafka to its successful delivery, retries included")
                .tags(tags).publishPercentileHistogram().register(registry);
        metrics.latencyTimer(latency);
        List<Meter> meters = List.of(
                counter(registry, "received", "Events read from the broker's topic", tags, metrics, TriggerMetrics::receivedCount),
                counter(registry, "filtered", "Events the Trigger's filter left out", tags, metrics, TriggerMetrics::filteredCount),
                counter(registry, "delivered", "Events the subscriber accepted", tags, metrics, TriggerMetrics::deliveredCount),
                counter(registry, "retried", "Delivery attempts retried", tags, metrics, TriggerMetrics::retriedCount),
                counter(registry, "deadlettered", "Events sent to the dead-letter sink", tags, metrics,
                        TriggerMetrics::deadLetteredCount),
                counter(registry, "parked", "Events parked after delivery failed for good", tags, metrics,
                        TriggerMetrics::parkedCount),
                Gauge.builder(PREFIX + "consumer.lag", metrics, TriggerMetrics::lagValue)
                        .description("Events of the broker's topic not yet resolved by this Trigger").tags(tags)
                        .register(registry),
                latency);
        return new TriggerMeters(registry, metrics, meters);
    }

    private static Meter counter(MeterRegistry registry, String what, String description, Tags tags,
                                 TriggerMetrics metrics, ToDoubleFunction<TriggerMetrics> count) {
        return FunctionCounter.builder(PREFIX + "events." + what, metrics, count).description(description)
                .tags(tags).register(registry);
    }

    /** Removes the Trigger's meters from the registry (the Trigger was deleted or dispatching stopped). */
    public void remove() {
        metrics.latencyTimer(null);
        meters.forEach(registry::remove);
    }
}
