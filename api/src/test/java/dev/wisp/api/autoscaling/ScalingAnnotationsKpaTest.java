package dev.wisp.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The KPA tuning part of policy resolution: metric, capacity, panic, rates, delays, activation scale. */
class ScalingAnnotationsKpaTest {
    private static final String A = "autoscaling.knative.dev/";
    private static final AutoscalerDefaults KNATIVE = AutoscalerDefaults.knative();
    private static final AutoscalerDefaults TUNED = new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30),
            100, 0.7, 1, false, true, 3, 4, 20, 300, -1, 50, Duration.ofSeconds(7), Duration.ofSeconds(8));

    /** The tuning fields of a policy, compared as a whole. */
    record Tuning(ScalingMetric metric, double target, double total, double tbc, double panicWindowPct, double panicThresholdPct,
                  double upRate, double downRate, Duration scaleDownDelay, Duration retention, int activationScale) {
        static Tuning of(ScalingPolicy p) {
            return new Tuning(p.metric(), Math.round(p.target() * 1e6) / 1e6, p.totalValue(), p.targetBurstCapacity(),
                    p.panicWindowPercentage(), p.panicThresholdPercentage(), p.maxScaleUpRate(), p.maxScaleDownRate(),
                    p.scaleDownDelay(), p.scaleToZeroPodRetentionPeriod(), p.activationScale());
        }
    }

    record Case(String name, Map<String, String> annotations, long containerConcurrency, AutoscalerDefaults defaults,
                Tuning want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Tuning KNATIVE_CONCURRENCY = new Tuning(ScalingMetric.CONCURRENCY, 70, 100, 200, 10, 200,
            1000, 2, Duration.ZERO, Duration.ZERO, 1);

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Knative's defaults", Map.of(), 0, KNATIVE, KNATIVE_CONCURRENCY),
                new Case("containerConcurrency is the total", Map.of(), 10, KNATIVE,
                        new Tuning(ScalingMetric.CONCURRENCY, 7, 10, 200, 10, 200, 1000, 2, Duration.ZERO, Duration.ZERO, 1)),
                new Case("rps: the rps default times utilization", Map.of(A + "metric", "rps"), 0, KNATIVE,
                        new Tuning(ScalingMetric.RPS, 140, 200, 200, 10, 200, 1000, 2, Duration.ZERO, Duration.ZERO, 1)),
                new Case("rps target is not capped by containerConcurrency", Map.of(A + "metric", "rps", A + "target", "50"), 5,
                        KNATIVE, new Tuning(ScalingMetric.RPS, 35, 50, 200, 10, 200, 1000, 2, Duration.ZERO, Duration.ZERO, 1)),
                new Case("every tuning annotation", Map.of(A + "target-burst-capacity", "0", A + "panic-window-percentage", "25",
                        A + "panic-threshold-percentage", "150", A + "scale-down-delay", "2m",
                        A + "scale-to-zero-pod-retention-period", "1m30s", A + "activation-scale", "3"), 0, KNATIVE,
                        new Tuning(ScalingMetric.CONCURRENCY, 70, 100, 0, 25, 150, 1000, 2, Duration.ofMinutes(2),
                                Duration.ofSeconds(90), 3)),
                new Case("legacy camelCase spellings", Map.of(A + "targetBurstCapacity", "-1", A + "panicWindowPercentage", "5",
                        A + "panicThresholdPercentage", "400", A + "scaleDownDelay", "10s",
                        A + "scaleToZeroPodRetentionPeriod", "5s"), 0, KNATIVE,
                        new Tuning(ScalingMetric.CONCURRENCY, 70, 100, -1, 5, 400, 1000, 2, Duration.ofSeconds(10),
                                Duration.ofSeconds(5), 1)),
                new Case("global defaults apply without annotations", Map.of(A + "metric", "rps"), 0, TUNED,
                        new Tuning(ScalingMetric.RPS, 35, 50, -1, 20, 300, 3, 4, Duration.ofSeconds(7), Duration.ofSeconds(8), 1)),
                new Case("unparsable values fall back to the defaults", Map.of(A + "panic-window-percentage", "x",
                        A + "scale-down-delay", "soon", A + "activation-scale", "0"), 0, KNATIVE, KNATIVE_CONCURRENCY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesTheKpaTuningLikeKnative(Case c) {
        ScalingPolicy got = ScalingAnnotations.policy(c.annotations(), c.containerConcurrency(), c.defaults());

        assertThat(Tuning.of(got)).isEqualTo(c.want());
    }

    @Test
    void panicWindowIsAPercentageOfTheStableWindowInWholeSecondsAtLeastOne() {
        ScalingPolicy sixty = ScalingAnnotations.policy(Map.of(), 0, KNATIVE);
        ScalingPolicy six = ScalingAnnotations.policy(Map.of(A + "window", "6s"), 0, KNATIVE);
        ScalingPolicy rounded = ScalingAnnotations.policy(Map.of(A + "window", "25s", A + "panic-window-percentage", "10"), 0, KNATIVE);

        assertThat(sixty.panicWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(six.panicWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rounded.panicWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(sixty.panicThreshold()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void defaultsOutsideKnativesRangesAreNamed() {
        AutoscalerDefaults bad = new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(-1), 100, 0.7, 1, false, true,
                1, 0.5, 0, 100, -2, 200, Duration.ofMillis(1500), Duration.ZERO);

        assertThat(bad.problems()).containsExactly(
                "scale-to-zero-grace-period = -1s, must be not negative",
                "max-scale-up-rate = 1.0, must be greater than 1",
                "max-scale-down-rate = 0.5, must be greater than 1",
                "panic-window-percentage = 0.0, must be in [1, 100]",
                "panic-threshold-percentage = 100.0, must be in [110, 1000]",
                "target-burst-capacity = -2.0, must be non-negative, or -1 for unlimited",
                "scale-down-delay = 1.5s, must be whole seconds, not negative");
        assertThat(KNATIVE.problems()).isEmpty();
    }
}
