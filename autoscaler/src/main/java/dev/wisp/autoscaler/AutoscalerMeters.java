package dev.wisp.autoscaler;

import dev.wisp.api.autoscaling.ScalingMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each tracked revision's {@link RevisionScaling} as gauges under Knative's autoscaler
 * metric names ({@code autoscaler_desired_pods}, {@code autoscaler_actual_pods},
 * {@code autoscaler_panic_mode}, {@code autoscaler_stable_request_concurrency}, ...), tagged with
 * {@code namespace_name} and {@code revision_name}.
 */
final class AutoscalerMeters {
    private final MeterRegistry registry;
    private final Map<RevisionKey, List<Meter>> meters = new ConcurrentHashMap<>();

    AutoscalerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauges of a revision, reading its latest status on every scrape. */
    void register(RevisionKey key, Supplier<RevisionScaling> status) {
        Tags tags = Tags.of("namespace_name", key.namespace(), "revision_name", key.name());
        List<Meter> registered = new ArrayList<>();
        registered.add(gauge("autoscaler_desired_pods", "Number of pods the autoscaler wants to allocate", tags, status,
                s -> s.desired()));
        registered.add(gauge("autoscaler_actual_pods", "Number of pods that are ready", tags, status, s -> s.ready()));
        registered.add(gauge("autoscaler_panic_mode", "1 if the autoscaler is in panic mode, 0 otherwise", tags, status,
                s -> s.panic() ? 1 : 0));
        registered.add(gauge("autoscaler_excess_burst_capacity", "Excess burst capacity over the panic window", tags,
                status, s -> s.excessBurstCapacity()));
        registered.add(gauge("autoscaler_stable_request_concurrency", "Average requests in flight over the stable window",
                tags, status, s -> value(s, ScalingMetric.CONCURRENCY, s.stable())));
        registered.add(gauge("autoscaler_panic_request_concurrency", "Average requests in flight over the panic window",
                tags, status, s -> value(s, ScalingMetric.CONCURRENCY, s.panicValue())));
        registered.add(gauge("autoscaler_target_concurrency_per_pod", "The desired requests in flight per pod", tags,
                status, s -> value(s, ScalingMetric.CONCURRENCY, s.target())));
        registered.add(gauge("autoscaler_stable_requests_per_second", "Average requests per second over the stable window",
                tags, status, s -> value(s, ScalingMetric.RPS, s.stable())));
        registered.add(gauge("autoscaler_panic_requests_per_second", "Average requests per second over the panic window",
                tags, status, s -> value(s, ScalingMetric.RPS, s.panicValue())));
        registered.add(gauge("autoscaler_target_requests_per_second", "The desired requests per second per pod", tags,
                status, s -> value(s, ScalingMetric.RPS, s.target())));
        meters.put(key, registered);
    }

    /** Removes a revision's gauges. */
    void remove(RevisionKey key) {
        List<Meter> removed = meters.remove(key);
        if (removed != null) {
            removed.forEach(registry::remove);
        }
    }

    private Gauge gauge(String name, String help, Tags tags, Supplier<RevisionScaling> status,
                        ToDoubleFunction<RevisionScaling> value) {
        return Gauge.builder(name, status, s -> s.get() == null ? Double.NaN : value.applyAsDouble(s.get()))
                .description(help).tags(tags).strongReference(true).register(registry);
    }

    private static double value(RevisionScaling s, ScalingMetric metric, double value) {
        // The metric a revision does not scale on is not observed: NaN, as an absent series would be.
        return s.metric() == metric ? value : Double.NaN;
    }
}
