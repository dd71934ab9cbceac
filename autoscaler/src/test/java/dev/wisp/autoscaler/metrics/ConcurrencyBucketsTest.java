package dev.wisp.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ConcurrencyBucketsTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant LONG_AGO = T0.minus(Duration.ofHours(1));

    @Test
    void keepsAtMostTheWindowsWorthOfSeconds() {
        ConcurrencyBuckets buckets = new ConcurrencyBuckets(Duration.ofSeconds(60));
        for (int i = 0; i < 200; i++) {
            buckets.add(T0.plusSeconds(i), 1);
        }

        assertThat(buckets.snapshot().bucketCount()).isEqualTo(60);
        assertThat(buckets.snapshot().averageConcurrency(Duration.ofSeconds(60), LONG_AGO, T0.plusSeconds(199)))
                .isEqualTo(1.0);
    }

    @Test
    void shrinksWhenTheWindowShrinks() {
        ConcurrencyBuckets buckets = new ConcurrencyBuckets(Duration.ofSeconds(60));
        for (int i = 0; i < 60; i++) {
            buckets.add(T0.plusSeconds(i), 1);
        }

        buckets.resize(Duration.ofSeconds(6));

        assertThat(buckets.snapshot().bucketCount()).isEqualTo(6);
    }

    @Test
    void dropsALateSampleOlderThanTheWindow() {
        ConcurrencyBuckets buckets = new ConcurrencyBuckets(Duration.ofSeconds(6));
        buckets.add(T0.plusSeconds(10), 1);

        buckets.add(T0, 50);

        assertThat(buckets.snapshot().bucketCount()).isEqualTo(1);
    }

    @Test
    void ignoresNegativeAndNaNConcurrency() {
        ConcurrencyBuckets buckets = new ConcurrencyBuckets(Duration.ofSeconds(6));

        assertThat(buckets.add(T0, -1)).isFalse();
        assertThat(buckets.add(T0, Double.NaN)).isFalse();
        assertThat(buckets.snapshot().bucketCount()).isZero();
    }

    @Test
    void sumsSamplesAddedFromManyThreads() throws Exception {
        ConcurrencyBuckets buckets = new ConcurrencyBuckets(Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> adders = new ArrayList<>();
        try {
            for (int thread = 0; thread < 8; thread++) {
                adders.add(CompletableFuture.runAsync(() -> addThousandSamples(buckets, go), pool));
            }
            go.countDown();
            CompletableFuture.allOf(adders.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        // 8 threads x 1000 samples of 1 spread over 10 seconds: 800 per second.
        assertThat(buckets.snapshot().averageConcurrency(Duration.ofSeconds(10), LONG_AGO, T0.plusSeconds(9)))
                .isEqualTo(800.0);
    }

    private static void addThousandSamples(ConcurrencyBuckets buckets, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < 1000; i++) {
            buckets.add(T0.plusSeconds(i % 10), 1);
        }
    }
}
