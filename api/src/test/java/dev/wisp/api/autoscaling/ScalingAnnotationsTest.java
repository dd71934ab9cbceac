package dev.wisp.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingAnnotationsTest {
    private static final AutoscalerDefaults KNATIVE = AutoscalerDefaults.knative();
    private static final AutoscalerDefaults ZERO_INITIAL_ALLOWED =
            new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30), 100, 0.7, 1, true, true);
    private static final AutoscalerDefaults NO_SCALE_TO_ZERO =
            new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30), 100, 0.7, 1, false, false);
    private static final String A = "autoscaling.knative.dev/";

    record Case(String name, Map<String, String> annotations, long containerConcurrency, AutoscalerDefaults defaults,
                ScalingPolicy want) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The policy for Knative's defaults with the given fields changed. */
    private static ScalingPolicy policy(int min, int max, int initial, double target, int cc, Duration window) {
        return new ScalingPolicy(min, max, initial, target, cc, window, Duration.ofSeconds(30));
    }

    private static final Duration MINUTE = Duration.ofSeconds(60);

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no annotations: default target times utilization", Map.of(), 0, KNATIVE, policy(0, 0, 1, 70, 0, MINUTE)),
                new Case("containerConcurrency is the target when set", Map.of(), 10, KNATIVE, policy(0, 0, 1, 7, 10, MINUTE)),
                new Case("target annotation", Map.of(A + "target", "10"), 0, KNATIVE, policy(0, 0, 1, 7, 0, MINUTE)),
                new Case("target capped by containerConcurrency", Map.of(A + "target", "50"), 20, KNATIVE, policy(0, 0, 1, 14, 20, MINUTE)),
                new Case("utilization annotation", Map.of(A + "target", "10", A + "target-utilization-percentage", "100"), 0, KNATIVE,
                        policy(0, 0, 1, 10, 0, MINUTE)),
                new Case("legacy utilization spelling", Map.of(A + "targetUtilizationPercentage", "50"), 0, KNATIVE,
                        policy(0, 0, 1, 50, 0, MINUTE)),
                new Case("target floored at 0.01", Map.of(A + "target", "0.01", A + "target-utilization-percentage", "50"), 0, KNATIVE,
                        policy(0, 0, 1, 0.01, 0, MINUTE)),
                new Case("window annotation", Map.of(A + "window", "2m"), 0, KNATIVE, policy(0, 0, 1, 70, 0, Duration.ofMinutes(2))),
                new Case("min and max scale; initial raised to min", Map.of(A + "min-scale", "2", A + "max-scale", "5"), 0, KNATIVE,
                        policy(2, 5, 2, 70, 0, MINUTE)),
                new Case("initial scale capped by max", Map.of(A + "initial-scale", "10", A + "max-scale", "5"), 0, KNATIVE,
                        policy(0, 5, 5, 70, 0, MINUTE)),
                new Case("legacy minScale spelling", Map.of(A + "minScale", "3"), 0, KNATIVE, policy(3, 0, 3, 70, 0, MINUTE)),
                new Case("initial scale 0 not allowed falls back to the default", Map.of(A + "initial-scale", "0"), 0, KNATIVE,
                        policy(0, 0, 1, 70, 0, MINUTE)),
                new Case("initial scale 0 when allowed", Map.of(A + "initial-scale", "0"), 0, ZERO_INITIAL_ALLOWED,
                        policy(0, 0, 0, 70, 0, MINUTE)),
                new Case("scale to zero disabled keeps one instance", Map.of(), 0, NO_SCALE_TO_ZERO, policy(1, 0, 1, 70, 0, MINUTE)),
                new Case("unparsable values fall back to defaults", Map.of(A + "min-scale", "x", A + "window", "soon", A + "target", "-3"),
                        0, KNATIVE, policy(0, 0, 1, 70, 0, MINUTE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesLikeKnative(Case c) {
        ScalingPolicy got = ScalingAnnotations.policy(c.annotations(), c.containerConcurrency(), c.defaults());

        assertThat(got.target()).isCloseTo(c.want().target(), within(1e-9));
        assertThat(withTarget(got, c.want().target())).isEqualTo(c.want());
    }

    private static ScalingPolicy withTarget(ScalingPolicy p, double target) {
        return new ScalingPolicy(p.minScale(), p.maxScale(), p.initialScale(), target, p.containerConcurrency(),
                p.stableWindow(), p.scaleToZeroGracePeriod());
    }
}
