package dev.wisp.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");
    private static final RevisionKey OTHER = new RevisionKey("default", "other-00001");
    private static final int POKERS = 50;

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingScaleTarget target = new RecordingScaleTarget();
    private final Autoscaler autoscaler = new Autoscaler(target, clock, Duration.ofMillis(100));

    @AfterEach
    void close() {
        autoscaler.close();
    }

    @Test
    void trackAppliesTheInitialScaleAtOnce() {
        autoscaler.track(HELLO, policy(0, 0, 1));
        autoscaler.track(OTHER, policy(0, 3, 5));

        assertThat(target.scales(HELLO)).containsExactly(1);
        assertThat(target.scales(OTHER)).containsExactly(3);
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(1);
    }

    @Test
    void trackingAgainUpdatesThePolicyWithoutResettingTheScale() {
        autoscaler.track(HELLO, policy(0, 0, 1));
        autoscaler.track(HELLO, policy(2, 0, 1));

        assertThat(target.scales(HELLO)).containsExactly(1);
        autoscaler.tick();
        assertThat(target.scales(HELLO)).containsExactly(1, 2);
    }

    @Test
    void anUntrackedRevisionHasNoScaleAndGetsNoMoreCalls() {
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(-1);
        autoscaler.track(HELLO, policy(0, 0, 1));

        autoscaler.untrack(HELLO);
        autoscaler.report(metric(HELLO, T0, 100));
        autoscaler.poke(HELLO);
        clock.advance(Duration.ofHours(1));
        autoscaler.tick();

        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(-1);
        assertThat(target.scales(HELLO)).containsExactly(1);
    }

    @Test
    void trafficScalesUpOnTheNextTickAndIsSentOnlyOnChange() {
        autoscaler.track(HELLO, policy(0, 0, 1));
        target.ready(HELLO, 1);
        for (int second = 0; second <= 4; second++) {
            autoscaler.report(metric(HELLO, T0.plusSeconds(second), 25));
        }
        clock.set(T0.plusSeconds(4));

        autoscaler.tick();
        autoscaler.tick();

        assertThat(target.scales(HELLO)).containsExactly(1, 3);
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(3);
        RevisionScaling scaling = autoscaler.scaling(HELLO).orElseThrow();
        assertThat(scaling.panic()).as("3 wanted of 1 ready crosses the 200%% panic threshold").isTrue();
        assertThat(scaling.stable()).isEqualTo(25);
        assertThat(scaling.panicValue()).isEqualTo(25);
    }

    @Test
    void idleRevisionGoesInactiveAfterTheStableWindowAndToZeroAfterTheGraceThenWakesOnPoke() {
        autoscaler.track(HELLO, policy(0, 0, 1));
        target.ready(HELLO, 1);
        autoscaler.report(metric(HELLO, T0.plusSeconds(10), 2));

        tickEveryTwoSecondsUntil(T0.plusSeconds(98));
        assertThat(autoscaler.desiredScale(HELLO)).as("last traffic + window (70s) + grace (30s) not reached").isEqualTo(1);
        assertThat(autoscaler.scaling(HELLO).orElseThrow().activity()).isEqualTo("inactive");

        tickEveryTwoSecondsUntil(T0.plusSeconds(100));
        assertThat(target.scales(HELLO)).containsExactly(1, 0);

        target.ready(HELLO, 0);
        autoscaler.poke(HELLO);
        assertThat(target.scales(HELLO)).containsExactly(1, 0, 1);
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(1);
    }

    @Test
    void initialScaleZeroStaysAtZeroUntilPoked() {
        autoscaler.track(HELLO, policy(0, 0, 0));
        clock.advance(Duration.ofSeconds(10));
        autoscaler.tick();
        assertThat(target.scales(HELLO)).containsExactly(0);

        autoscaler.poke(HELLO);

        assertThat(target.scales(HELLO)).containsExactly(0, 1);
    }

    @Test
    void aPokeWhileRunningChangesNothing() {
        autoscaler.track(HELLO, policy(0, 0, 1));
        target.ready(HELLO, 1);

        autoscaler.poke(HELLO);

        assertThat(target.scales(HELLO)).containsExactly(1);
    }

    @Test
    void publishesKnativesAutoscalerMetricsPerRevision() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Autoscaler measured = new Autoscaler(target, clock, Duration.ofMillis(100), registry);
        measured.track(HELLO, policy(0, 0, 1));
        target.ready(HELLO, 1);
        measured.report(metric(HELLO, T0, 25));
        measured.tick();

        assertThat(gauge(registry, "autoscaler_desired_pods")).isEqualTo(3);
        assertThat(gauge(registry, "autoscaler_actual_pods")).isEqualTo(1);
        assertThat(gauge(registry, "autoscaler_panic_mode")).isEqualTo(1);
        assertThat(gauge(registry, "autoscaler_stable_request_concurrency")).isEqualTo(25);
        assertThat(gauge(registry, "autoscaler_target_concurrency_per_pod")).isEqualTo(10);
        assertThat(gauge(registry, "autoscaler_stable_requests_per_second")).isNaN();

        measured.untrack(HELLO);
        assertThat(registry.find("autoscaler_desired_pods").gauges()).isEmpty();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).tag("namespace_name", "default").tag("revision_name", "hello-00001").gauge().value();
    }

    private void tickEveryTwoSecondsUntil(Instant end) {
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(2));
            autoscaler.tick();
        }
    }

    @Test
    void pokingAnUnknownRevisionIsIgnored() {
        autoscaler.poke(HELLO);
        autoscaler.report(metric(HELLO, T0, 10));

        assertThat(target.calls()).isEmpty();
    }

    @Test
    void fiftyConcurrentPokesAtZeroSendOneScaleOfOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(POKERS);
        try {
            // Several rounds, each with a fresh revision at zero, to give a race many chances to show.
            for (int round = 1; round <= 40; round++) {
                RevisionKey revision = new RevisionKey("default", "race-%05d".formatted(round));
                autoscaler.track(revision, policy(0, 0, 0));

                pokeAllAtOnce(pool, revision);

                assertThat(target.scales(revision)).as("round %d", round).containsExactly(0, 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingTargetDoesNotStopOtherRevisionsAndIsRetried() {
        autoscaler.track(HELLO, policy(2, 0, 2));
        autoscaler.track(OTHER, policy(2, 0, 2));
        autoscaler.track(HELLO, policy(3, 0, 2));
        autoscaler.track(OTHER, policy(3, 0, 2));
        target.failFor(HELLO);

        autoscaler.tick();
        assertThat(target.scales(OTHER)).containsExactly(2, 3);
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(2);

        target.recover(HELLO);
        autoscaler.tick();
        assertThat(target.scales(HELLO)).containsExactly(2, 3);
    }

    @Test
    void anInvalidPolicyIsRejectedWithWhatIsWrong() {
        assertThatThrownBy(() -> autoscaler.track(HELLO, policy(5, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default/hello-00001")
                .hasMessageContaining("min-scale 5 must not exceed max-scale 3");
        assertThat(target.calls()).isEmpty();
        assertThat(autoscaler.desiredScale(HELLO)).isEqualTo(-1);
    }

    @Test
    void startedAutoscalerTicksOnItsOwnDaemonThread() {
        Autoscaler fast = new Autoscaler(target, clock, Duration.ofMillis(50));
        try {
            fast.track(HELLO, policy(0, 0, 1));
            fast.track(HELLO, policy(2, 0, 1));

            fast.start();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> target.scales(HELLO).size() == 2);
            List<RecordingScaleTarget.Call> calls = target.calls();
            assertThat(calls.get(1).desired()).isEqualTo(2);
            assertThat(calls.get(1).thread()).isEqualTo("wisp-autoscaler");
            assertThat(calls.get(1).daemon()).isTrue();
        } finally {
            fast.close();
        }
    }

    private void pokeAllAtOnce(ExecutorService pool, RevisionKey revision) throws Exception {
        CountDownLatch ready = new CountDownLatch(POKERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> pokes = new ArrayList<>();
        for (int i = 0; i < POKERS; i++) {
            pokes.add(pool.submit(() -> pokeWhenReleased(revision, ready, go)));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<?> poke : pokes) {
            poke.get(10, TimeUnit.SECONDS);
        }
    }

    private void pokeWhenReleased(RevisionKey revision, CountDownLatch ready, CountDownLatch go) {
        ready.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        autoscaler.poke(revision);
    }

    private static ScalingPolicy policy(int min, int max, int initial) {
        return new ScalingPolicy(min, max, initial, 10, 0, WINDOW, GRACE);
    }

    private static RevisionMetric metric(RevisionKey revision, Instant at, double concurrency) {
        return new RevisionMetric(revision, at, concurrency, concurrency > 0 ? 1 : 0);
    }
}
