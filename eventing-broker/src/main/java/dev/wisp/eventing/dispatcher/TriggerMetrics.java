package dev.wisp.eventing.dispatcher;

import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one Trigger's dispatcher has done: events received, filtered out, delivered, retried,
 * dead-lettered and parked, the consumer lag, and the latency (receipt from Kafka to successful
 * delivery) of the most recent deliveries. Thread-safe.
 */
public final class TriggerMetrics {
    private static final int LATENCY_SAMPLES = 4096;

    private final LongAdder received = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder parked = new LongAdder();
    private final AtomicLong lag = new AtomicLong();
    private final long[] latencyMicros = new long[LATENCY_SAMPLES];
    private long latencyCount;
    /** Where latencies also go once the Trigger's meters are published ({@link TriggerMeters}); null before. */
    private volatile Timer latencyTimer;

    void received() { received.increment(); }
    void retried() { retried.increment(); }
    void lag(long value) { lag.set(value); }

    void resolved(Resolution resolution) {
        switch (resolution) {
            case DELIVERED -> delivered.increment();
            case FILTERED -> filtered.increment();
            case DEAD_LETTERED -> deadLettered.increment();
            case PARKED -> parked.increment();
        }
    }

    void latency(long micros) {
        synchronized (this) {
            latencyMicros[(int) (latencyCount++ % LATENCY_SAMPLES)] = micros;
        }
        Timer timer = latencyTimer;
        if (timer != null) {
            timer.record(micros, TimeUnit.MICROSECONDS);
        }
    }

    void latencyTimer(Timer timer) {
        this.latencyTimer = timer;
    }

    long receivedCount() { return received.sum(); }
    long deliveredCount() { return delivered.sum(); }
    long retriedCount() { return retried.sum(); }
    long deadLetteredCount() { return deadLettered.sum(); }
    long parkedCount() { return parked.sum(); }
    long filteredCount() { return filtered.sum(); }
    long lagValue() { return lag.get(); }

    /** A consistent-enough copy of the figures. */
    public Snapshot snapshot() {
        return new Snapshot(received.sum(), filtered.sum(), delivered.sum(), retried.sum(), deadLettered.sum(),
                parked.sum(), lag.get(), percentileMicros(0.50), percentileMicros(0.99));
    }

    private synchronized long percentileMicros(double quantile) {
        int n = (int) Math.min(latencyCount, LATENCY_SAMPLES);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencyMicros, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(quantile * n) - 1)];
    }

    /** The figures at one moment; latencies over the most recent deliveries, in microseconds. */
    public record Snapshot(long received, long filtered, long delivered, long retried, long deadLettered,
                           long parked, long lag, long latencyP50Micros, long latencyP99Micros) {
    }
}
