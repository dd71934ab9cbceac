package dev.wisp.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.ScalingMetric;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.autoscaler.scaling.ScaleResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleToZeroGateTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final int INVALID = -1;

    /** The KPA's desired count ({@link #INVALID} for no decision), the scale set so far, ready instances, then what must follow. */
    record Step(int kpa, int current, int ready, long atSeconds, int want, Activity activity) {
    }

    record Case(String name, ScalingPolicy policy, boolean enableScaleToZero, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("idle: one instance for the rest of the stable window, inactive, zero after the grace",
                        policy(0, 0, 1, Duration.ZERO), true, List.of(
                        new Step(0, 1, 1, 5, 1, Activity.ACTIVE),
                        new Step(0, 1, 1, 40, 1, Activity.ACTIVE),
                        new Step(0, 1, 1, 65, 1, Activity.INACTIVE),
                        new Step(0, 1, 1, 94, 1, Activity.INACTIVE),
                        new Step(0, 1, 1, 95, 0, Activity.INACTIVE),
                        new Step(0, 0, 0, 97, 0, Activity.INACTIVE))),
                new Case("traffic during the grace period reactivates", policy(0, 0, 1, Duration.ZERO), true, List.of(
                        new Step(0, 1, 1, 5, 1, Activity.ACTIVE),
                        new Step(0, 1, 1, 65, 1, Activity.INACTIVE),
                        new Step(3, 1, 1, 80, 3, Activity.ACTIVE),
                        new Step(0, 3, 3, 100, 1, Activity.ACTIVE))),
                new Case("from zero: activating until an instance is ready", policy(0, 0, 0, Duration.ZERO), true, List.of(
                        new Step(0, 0, 0, 0, 0, Activity.INACTIVE),
                        new Step(1, 0, 0, 1, 1, Activity.ACTIVATING),
                        new Step(1, 1, 0, 2, 1, Activity.ACTIVATING),
                        new Step(1, 1, 1, 3, 1, Activity.ACTIVE))),
                new Case("no decision keeps the scale", policy(0, 0, 1, Duration.ZERO), true, List.of(
                        new Step(2, 1, 1, 0, 2, Activity.ACTIVE),
                        new Step(INVALID, 2, 2, 2, 2, Activity.ACTIVE))),
                new Case("min-scale holds instances without traffic", policy(2, 0, 2, Duration.ZERO), true, List.of(
                        new Step(0, 2, 2, 0, 2, Activity.ACTIVE),
                        new Step(0, 2, 2, 500, 2, Activity.ACTIVE))),
                new Case("max-scale caps", policy(0, 3, 1, Duration.ZERO), true, List.of(
                        new Step(10, 1, 1, 0, 3, Activity.ACTIVE))),
                new Case("initial scale is a minimum until it was reached", policy(0, 0, 3, Duration.ZERO), true, List.of(
                        new Step(1, 3, 1, 0, 3, Activity.ACTIVATING),
                        new Step(1, 3, 3, 2, 1, Activity.ACTIVE),
                        new Step(1, 1, 1, 4, 1, Activity.ACTIVE))),
                new Case("pod retention longer than the grace period", policy(0, 0, 1, Duration.ofSeconds(50)), true, List.of(
                        new Step(0, 1, 1, 0, 1, Activity.ACTIVE),
                        new Step(0, 1, 1, 60, 1, Activity.INACTIVE),
                        new Step(0, 1, 1, 100, 1, Activity.INACTIVE),
                        new Step(0, 1, 1, 110, 0, Activity.INACTIVE))),
                new Case("scale to zero disabled keeps one", policy(0, 0, 1, Duration.ZERO), false, List.of(
                        new Step(0, 1, 1, 0, 1, Activity.ACTIVE),
                        new Step(0, 1, 1, 500, 1, Activity.ACTIVE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gatesLikeKnativesKpaReconciler(Case c) {
        ScaleToZeroGate gate = new ScaleToZeroGate(c.policy(), c.enableScaleToZero(), T0);
        for (int i = 0; i < c.steps().size(); i++) {
            Step s = c.steps().get(i);
            ScaleResult result = s.kpa() == INVALID ? ScaleResult.INVALID : new ScaleResult(s.kpa(), 0, true);

            int got = gate.decide(result, s.current(), s.ready(), T0.plusSeconds(s.atSeconds()));

            assertThat(got).as("step %d scale", i + 1).isEqualTo(s.want());
            assertThat(gate.activity()).as("step %d activity", i + 1).isEqualTo(s.activity());
        }
    }

    private static ScalingPolicy policy(int min, int max, int initial, Duration retention) {
        return new ScalingPolicy(min, max, initial, 10, 0, Duration.ofSeconds(60), Duration.ofSeconds(30),
                ScalingMetric.CONCURRENCY, 100, 200, 10, 200, 1000, 2, Duration.ZERO, retention, 1);
    }
}
