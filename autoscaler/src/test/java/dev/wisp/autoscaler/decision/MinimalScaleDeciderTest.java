package dev.wisp.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.autoscaler.metrics.RevisionWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MinimalScaleDeciderTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Instant LONG_AGO = T0.minus(Duration.ofHours(1));

    record Case(String name, ScalingPolicy policy, RevisionWindow window, int current, Instant lastActivity,
                Instant trackedAt, Instant now, int expected, ScaleReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Instant idleUntil = T0.plus(WINDOW).plus(GRACE);
        return Stream.of(
                new Case("idle fresh revision keeps its initial scale until window+grace", policy(0, 0, 1),
                        RevisionWindow.empty(), 1, null, T0, idleUntil.minusMillis(1), 1, ScaleReason.INITIAL),
                new Case("idle fresh revision scales to zero at window+grace", policy(0, 0, 1),
                        RevisionWindow.empty(), 1, null, T0, idleUntil, 0, ScaleReason.IDLE),
                new Case("idle fresh revision with initial scale 3 keeps 3", policy(0, 0, 3),
                        RevisionWindow.empty(), 3, null, T0, T0.plusSeconds(45), 3, ScaleReason.INITIAL),
                new Case("concurrency 25 with target 10 -> 3", policy(0, 0, 1),
                        steady(25, T0.minusSeconds(59), T0), 1, T0, LONG_AGO, T0, 3, ScaleReason.TRAFFIC),
                new Case("concurrency 30 with target 10 -> exactly 3", policy(0, 0, 1),
                        steady(30, T0.minusSeconds(59), T0), 1, T0, LONG_AGO, T0, 3, ScaleReason.TRAFFIC),
                new Case("traffic falling scales down", policy(0, 0, 1),
                        steady(5, T0.minusSeconds(59), T0), 4, T0, LONG_AGO, T0, 1, ScaleReason.TRAFFIC),
                new Case("fresh revision is not diluted by seconds before it was tracked", policy(0, 0, 1),
                        steady(25, T0, T0.plusSeconds(4)), 1, T0.plusSeconds(4), T0, T0.plusSeconds(4), 3,
                        ScaleReason.TRAFFIC),
                new Case("min-scale 2 idle -> 2", policy(2, 0, 2),
                        RevisionWindow.empty(), 2, null, LONG_AGO, T0, 2, ScaleReason.BOUNDS),
                new Case("min-scale 2 raises a revision at zero", policy(2, 0, 2),
                        RevisionWindow.empty(), 0, null, LONG_AGO, T0, 2, ScaleReason.BOUNDS),
                new Case("max-scale 3 with concurrency 100 -> 3", policy(0, 3, 1),
                        steady(100, T0.minusSeconds(59), T0), 1, T0, LONG_AGO, T0, 3, ScaleReason.BOUNDS),
                new Case("activity then idle: one instance until just before window+grace", policy(0, 0, 1),
                        steady(4, T0, T0), 1, T0, LONG_AGO, idleUntil.minusMillis(1), 1, ScaleReason.IDLE),
                new Case("activity then idle: zero exactly at window+grace", policy(0, 0, 1),
                        steady(4, T0, T0), 1, T0, LONG_AGO, idleUntil, 0, ScaleReason.IDLE),
                new Case("traffic gone from the window: at most one instance during the grace period",
                        policy(0, 0, 1), steady(25, T0.minusSeconds(10), T0), 3, T0, LONG_AGO,
                        T0.plus(WINDOW), 1, ScaleReason.IDLE),
                new Case("initial scale 0 stays at zero until poked", policy(0, 0, 0),
                        RevisionWindow.empty(), 0, null, T0, T0.plusSeconds(20), 0, ScaleReason.INITIAL),
                new Case("initial scale 0 wakes when poked", policy(0, 0, 0),
                        RevisionWindow.empty(), 0, T0.plusSeconds(20), T0, T0.plusSeconds(20), 1,
                        ScaleReason.ACTIVATION),
                new Case("poke at zero -> 1", policy(0, 0, 1),
                        RevisionWindow.empty(), 0, T0, LONG_AGO, T0, 1, ScaleReason.ACTIVATION),
                new Case("traffic at zero -> as many as the traffic needs", policy(0, 0, 1),
                        steady(25, T0.minusSeconds(59), T0), 0, T0, LONG_AGO, T0, 3, ScaleReason.ACTIVATION),
                new Case("scaled to zero stays at zero while idle", policy(0, 0, 1),
                        RevisionWindow.empty(), 0, T0.minus(Duration.ofMinutes(10)), LONG_AGO, T0, 0,
                        ScaleReason.IDLE),
                new Case("activity before tracking counts from tracking", policy(0, 0, 1),
                        RevisionWindow.empty(), 1, LONG_AGO, T0, idleUntil.minusMillis(1), 1, ScaleReason.IDLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        ScaleDecision decision = new MinimalScaleDecider()
                .decide(c.policy(), c.window(), c.current(), c.lastActivity(), c.trackedAt(), c.now());

        assertThat(decision.desired()).as("desired").isEqualTo(c.expected());
        assertThat(decision.reason()).as("reason").isEqualTo(c.reason());
    }

    record InitialCase(String name, ScalingPolicy policy, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<InitialCase> initialCases() {
        return Stream.of(
                new InitialCase("initial scale 1", policy(0, 0, 1), 1),
                new InitialCase("initial scale 0", policy(0, 0, 0), 0),
                new InitialCase("initial scale raised to min-scale", policy(2, 0, 1), 2),
                new InitialCase("initial scale lowered to max-scale", policy(0, 3, 5), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initialCases")
    void initialScaleIsClamped(InitialCase c) {
        ScaleDecision decision = new MinimalScaleDecider().initial(c.policy());

        assertThat(decision.desired()).isEqualTo(c.expected());
        assertThat(decision.reason()).isEqualTo(ScaleReason.INITIAL);
    }

    @Test
    void reasonsAreLoggedInLowerCase() {
        assertThat(ScaleReason.ACTIVATION).hasToString("activation");
    }

    private static ScalingPolicy policy(int min, int max, int initial) {
        return new ScalingPolicy(min, max, initial, 10, 0, WINDOW, GRACE);
    }

    /** One sample of {@code concurrency} for every second from {@code from} to {@code to}, both included. */
    private static RevisionWindow steady(double concurrency, Instant from, Instant to) {
        Map<Instant, Double> samples = new LinkedHashMap<>();
        for (Instant at = from; !at.isAfter(to); at = at.plusSeconds(1)) {
            samples.put(at, concurrency);
        }
        return RevisionWindow.of(samples);
    }
}
