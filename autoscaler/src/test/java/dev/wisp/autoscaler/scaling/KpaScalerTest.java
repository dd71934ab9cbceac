package dev.wisp.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's {@code autoscaler_test.go} cases, ported step for step (same spec helper: target
 * utilization 75%, panic threshold 2, rates 10, stable window 60 s), plus cases of our own.
 */
class KpaScalerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final double UTILIZATION = 0.75;

    /** One call of {@code scale} at T0 + {@code at} and the result it must give. */
    record Step(int ready, double stable, double panic, boolean reachable, Duration at, ScaleResult want) {
    }

    record Case(String name, ScalingSpec spec, int initialReady, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                one("no data at zero: no autoscale", spec(10, 100), 1, 0, 0, 0, ebc(10, 100, 0, 1)),
                one("unlimited TBC", spec(181, -1), 1, 21, 26, 1, -1),
                one("TBC 0", spec(10, 0), 1, 50, 49, 5, 0),
                one("stable mode, no change", spec(10, 100), 1, 50, 50, 5, ebc(10, 100, 50, 1)),
                one("stable mode, already scaled", spec(10, 100), 5, 50, 50, 5, ebc(10, 100, 50, 5)),
                one("stable mode increase with small scale-up rate", spec(1, 1982, s -> up(s, 1.1)), 2, 3, 3.1, 3,
                        ebc(1, 1982, 3.1, 2)),
                one("stable mode decrease with small scale-down rate", spec(10, 1982, s -> down(s, 1.1)), 100, 1, 1, 90,
                        ebc(10, 1982, 1, 100)),
                new Case("unreachable: no scale-down limit", spec(10, 1982, s -> down(s, 1.1)), 0,
                        List.of(new Step(100, 1, 1, false, Duration.ZERO, new ScaleResult(1, ebc(10, 1982, 1, 100), true)))),
                one("panic: double pod count", spec(10, 84), 1, 50, 100, 10, ebc(10, 84, 100, 1)),
                new Case("panic: stable larger than panic", spec(1, 100), 5,
                        List.of(step(5, 50, 30, 0, 50, ebc(1, 100, 30, 5)))),
                new Case("panic: stable less than panic", spec(1, 100), 5,
                        List.of(step(5, 20, 30, 0, 30, ebc(1, 100, 30, 5)))),
                new Case("rate limit scale up", spec(10, 61), 1, List.of(
                        step(1, 1000, 1001, 0, 10, ebc(10, 61, 1001, 1)),
                        step(10, 1000, 1001, 0, 100, ebc(10, 61, 1001, 10)))),
                new Case("rate limit scale down", spec(10, 61), 1, List.of(
                        step(100, 1, 1, 0, 10, ebc(10, 61, 1, 100)),
                        step(10, 1, 1, 0, 1, ebc(10, 61, 1, 10)))),
                one("no ready pods counts as one", spec(10, 81), 0, 1000, 888, 10, ebc(10, 81, 888, 0)),
                new Case("ready pods unknown: invalid", spec(10, 81), 1,
                        List.of(new Step(-1, 1000, 888, true, Duration.ZERO, ScaleResult.INVALID))),
                new Case("no metrics: invalid", spec(10, 100), 1,
                        List.of(new Step(1, Double.NaN, Double.NaN, true, Duration.ZERO, ScaleResult.INVALID))),
                new Case("stable mode decrease", spec(10, 98), 1, List.of(
                        step(8, 100, 100, 0, 10, ebc(10, 98, 100, 8)),
                        step(8, 50, 50, 0, 5, ebc(10, 98, 50, 8)))),
                new Case("no traffic: scale to zero", spec(10, 75), 1, List.of(
                        step(1, 1, 0, 0, 1, ebc(10, 75, 0, 1)),
                        step(1, 0, 0, 0, 0, ebc(10, 75, 0, 1)))),
                new Case("activation scale", spec(10, 75, s -> activation(s, 2)), 1, List.of(
                        step(1, 0, 0, 0, 0, ebc(10, 75, 0, 1)),
                        step(1, 1, 0, 0, 2, ebc(10, 75, 0, 1)))),
                new Case("un-panic after a slow increase", spec(1, 98), 1, List.of(
                        step(10, 11, 25, 0, 25, ebc(1, 98, 25, 10)),
                        step(40, 30, 41, 30, 41, ebc(1, 98, 41, 40)),
                        step(55, 50, 56, 62, 50, ebc(1, 98, 56, 55)))),
                new Case("still surging extends the panic window", spec(1, 98), 1, List.of(
                        step(10, 11, 25, 0, 25, ebc(1, 98, 25, 10)),
                        step(40, 30, 80, 30, 80, ebc(1, 98, 80, 40)),
                        step(40, 30, 30, 89, 80, ebc(1, 98, 30, 40)),
                        step(40, 30, 30, 91, 30, ebc(1, 98, 30, 40)))),
                new Case("panic then un-panic scale down", spec(10, 93), 1, List.of(
                        step(1, 100, 100, 0, 10, ebc(10, 93, 100, 1)),
                        step(10, 100, 1000, 0, 100, ebc(10, 93, 1000, 10)),
                        step(10, 1, 1, 30, 100, ebc(10, 93, 1, 10)),
                        step(10, 1, 1, 61, 1, ebc(10, 93, 1, 10)))),
                new Case("panic: exponential track and stabilize", spec(1, 101), 1, List.of(
                        step(1, 6, 6, 0, 6, ebc(1, 101, 6, 1)),
                        step(6, 36, 36, 0, 36, ebc(1, 101, 36, 6)),
                        step(36, 216, 216, 1, 216, ebc(1, 101, 216, 36)),
                        step(216, 1296, 1296, 1, 1296, ebc(1, 101, 1296, 216)),
                        step(1296, 1296, 1296, 2, 1296, ebc(1, 101, 1296, 1296)))),
                new Case("starts in panic above one ready pod and keeps them", spec(10, 0), 3, List.of(
                        step(3, 0, 0, 0, 3, 0),
                        step(3, 0, 0, 61, 0, 0))),
                new Case("scale-down delay: simple, then gradual", delayed(Duration.ofMinutes(5)), 0, List.of(
                        step(0, 40, 40, 2, 4, 0),
                        step(0, 0, 0, 300, 4, 0),
                        step(0, 0, 0, 302, 0, 0),
                        step(0, 40, 40, 540, 4, 0),
                        step(0, 30, 30, 600, 4, 0),
                        step(0, 0, 0, 660, 4, 0),
                        step(0, 0, 0, 840, 3, 0),
                        step(0, 0, 0, 900, 0, 0))),
                new Case("scale-down delay: unreachable drops at once", delayed(Duration.ofMinutes(5)), 0, List.of(
                        step(0, 40, 40, 2, 4, 0),
                        step(0, 0, 0, 60, 4, 0),
                        new Step(0, 0, 0, false, Duration.ofSeconds(62), new ScaleResult(0, 0, true)))),
                new Case("scale-down delay zero: immediate", delayed(Duration.ZERO), 0, List.of(
                        step(0, 40, 40, 0, 4, 0),
                        new Step(0, 20, 20, true, Duration.ofMillis(500), new ScaleResult(2, 0, true)))),
                one("burst capacity: spare capacity beyond TBC", spec(10, 5, s -> withTotal(s, 20)), 4, 30, 30, 3, 45),
                one("burst capacity: short of capacity is negative", spec(10, 200, s -> withTotal(s, 20)), 2, 30, 30, 3, -190));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsKnative(Case c) {
        KpaScaler scaler = new KpaScaler(c.spec(), c.initialReady(), T0);
        for (int i = 0; i < c.steps().size(); i++) {
            Step s = c.steps().get(i);
            ScaleResult got = scaler.scale(s.ready(), s.stable(), s.panic(), s.reachable(), T0.plus(s.at()));
            assertThat(got).as("step %d", i + 1).isEqualTo(s.want());
        }
    }

    private static Case one(String name, ScalingSpec spec, int ready, double stable, double panic, int want, int ebc) {
        return new Case(name, spec, 1, List.of(step(ready, stable, panic, 0, want, ebc)));
    }

    private static Step step(int ready, double stable, double panic, long atSeconds, int want, int ebc) {
        return new Step(ready, stable, panic, true, Duration.ofSeconds(atSeconds), new ScaleResult(want, ebc, true));
    }

    /** Knative's test spec: total = target / 75%, panic threshold 2, rates 10, 60 s window. */
    private static ScalingSpec spec(double target, double tbc) {
        return new ScalingSpec(target, target / UTILIZATION, tbc, 2, 10, 10, WINDOW, Duration.ZERO, 1);
    }

    private static ScalingSpec spec(double target, double tbc, UnaryOperator<ScalingSpec> change) {
        return change.apply(spec(target, tbc));
    }

    /** Knative's scale-down delay test spec: target 10, rates 10, panic threshold 100 (never panics). */
    private static ScalingSpec delayed(Duration delay) {
        return new ScalingSpec(10, 10, 0, 100, 10, 10, WINDOW, delay, 1);
    }

    private static ScalingSpec up(ScalingSpec s, double rate) {
        return new ScalingSpec(s.targetValue(), s.totalValue(), s.targetBurstCapacity(), s.panicThreshold(), rate,
                s.maxScaleDownRate(), s.stableWindow(), s.scaleDownDelay(), s.activationScale());
    }

    private static ScalingSpec down(ScalingSpec s, double rate) {
        return new ScalingSpec(s.targetValue(), s.totalValue(), s.targetBurstCapacity(), s.panicThreshold(),
                s.maxScaleUpRate(), rate, s.stableWindow(), s.scaleDownDelay(), s.activationScale());
    }

    private static ScalingSpec activation(ScalingSpec s, int scale) {
        return new ScalingSpec(s.targetValue(), s.totalValue(), s.targetBurstCapacity(), s.panicThreshold(),
                s.maxScaleUpRate(), s.maxScaleDownRate(), s.stableWindow(), s.scaleDownDelay(), scale);
    }

    private static ScalingSpec withTotal(ScalingSpec s, double total) {
        return new ScalingSpec(s.targetValue(), total, s.targetBurstCapacity(), s.panicThreshold(),
                s.maxScaleUpRate(), s.maxScaleDownRate(), s.stableWindow(), s.scaleDownDelay(), s.activationScale());
    }

    /** Knative's expectedEBC: floor(target / 75% × pods − TBC − observed panic value). */
    private static int ebc(double target, double tbc, double panic, int pods) {
        return (int) Math.floor(target / UTILIZATION * pods - tbc - panic);
    }
}
