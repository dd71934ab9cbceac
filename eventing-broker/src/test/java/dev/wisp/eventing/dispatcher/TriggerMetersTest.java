package dev.wisp.eventing.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Trigger's figures appear as Micrometer meters tagged with its namespace and name, and go with it. */
class TriggerMetersTest {
    private static final Tags ORDERS = Tags.of("namespace", "shop", "trigger", "orders");

    @Test
    void everyFigureOfTheTriggerIsReadFromItsMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TriggerMetrics metrics = new TriggerMetrics();
        TriggerMeters.publish(registry, "shop", "orders", metrics);
        TriggerMeters.publish(registry, "shop", "audit", new TriggerMetrics());

        for (int i = 0; i < 5; i++) {
            metrics.received();
        }
        metrics.retried();
        metrics.retried();
        metrics.resolved(Resolution.DELIVERED);
        metrics.resolved(Resolution.DELIVERED);
        metrics.resolved(Resolution.FILTERED);
        metrics.resolved(Resolution.DEAD_LETTERED);
        metrics.resolved(Resolution.PARKED);
        metrics.latency(20_000);
        metrics.latency(40_000);
        metrics.lag(7);

        assertThat(count(registry, "received")).isEqualTo(5);
        assertThat(count(registry, "delivered")).isEqualTo(2);
        assertThat(count(registry, "retried")).isEqualTo(2);
        assertThat(count(registry, "filtered")).isEqualTo(1);
        assertThat(count(registry, "deadlettered")).isEqualTo(1);
        assertThat(count(registry, "parked")).isEqualTo(1);
        assertThat(registry.get("wisp.trigger.consumer.lag").tags(ORDERS).gauge().value()).isEqualTo(7);
        var latency = registry.get("wisp.trigger.delivery.latency").tags(ORDERS).timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60.0);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
        assertThat(registry.get("wisp.trigger.events.received").tags("trigger", "audit").functionCounter().count()).isZero();
    }

    @Test
    void removedMetersLeaveTheRegistryAndStopRecordingLatency() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TriggerMetrics metrics = new TriggerMetrics();
        TriggerMeters meters = TriggerMeters.publish(registry, "shop", "orders", metrics);
        assertThat(registry.find("wisp.trigger.events.delivered").tags(ORDERS).functionCounter()).isNotNull();

        meters.remove();
        metrics.latency(1_000);

        assertThat(registry.getMeters()).isEmpty();
        assertThat(metrics.snapshot().latencyP50Micros()).isEqualTo(1_000);
    }

    private static double count(SimpleMeterRegistry registry, String what) {
        return registry.get("wisp.trigger.events." + what).tags(ORDERS).functionCounter().count();
    }
}
