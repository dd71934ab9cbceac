package dev.wisp.api.serving.v1;

import static dev.wisp.api.serving.v1.Fixtures.annotate;
import static dev.wisp.api.serving.v1.Fixtures.service;
import static dev.wisp.api.serving.v1.Fixtures.templateSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingAnnotationValidationTest {
    private static final String AT = "spec.template.metadata.annotations.autoscaling.knative.dev/";

    record Case(String name, Service service, List<String> errors) {
        Case(String name, Service service, String... errors) {
            this(name, service, List.of(errors));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("every supported annotation, valid", service(
                        annotate("autoscaling.knative.dev/class", "kpa.autoscaling.knative.dev"),
                        annotate("autoscaling.knative.dev/metric", "concurrency"),
                        annotate("autoscaling.knative.dev/target", "10"),
                        annotate("autoscaling.knative.dev/target-utilization-percentage", "80"),
                        annotate("autoscaling.knative.dev/min-scale", "1"),
                        annotate("autoscaling.knative.dev/max-scale", "5"),
                        annotate("autoscaling.knative.dev/initial-scale", "2"),
                        annotate("autoscaling.knative.dev/window", "1m30s"),
                        annotate("autoscaling.knative.dev/target-burst-capacity", "-1"),
                        annotate("autoscaling.knative.dev/panic-window-percentage", "10"),
                        annotate("autoscaling.knative.dev/panic-threshold-percentage", "200"),
                        annotate("autoscaling.knative.dev/scale-down-delay", "30s"),
                        annotate("autoscaling.knative.dev/scale-to-zero-pod-retention-period", "1m"),
                        annotate("autoscaling.knative.dev/activation-scale", "2"),
                        annotate("autoscaling.knative.dev/metric-aggregation-algorithm", "linear"),
                        annotate("other.example/whatever", "x"))),
                new Case("metric rps", service(annotate("autoscaling.knative.dev/metric", "rps"))),
                new Case("min-scale non-negative integer", service(annotate("autoscaling.knative.dev/min-scale", "-1")),
                        AT + "min-scale: must be a non-negative integer, got \"-1\""),
                new Case("legacy spelling keeps its key in the path", service(annotate("autoscaling.knative.dev/minScale", "x")),
                        AT + "minScale: must be a non-negative integer, got \"x\""),
                new Case("not both spellings", service(annotate("autoscaling.knative.dev/min-scale", "1"),
                        annotate("autoscaling.knative.dev/minScale", "1")),
                        AT + "minScale: set either autoscaling.knative.dev/min-scale or autoscaling.knative.dev/minScale, not both"),
                new Case("max-scale below min-scale", service(annotate("autoscaling.knative.dev/min-scale", "3"),
                        annotate("autoscaling.knative.dev/max-scale", "2")),
                        AT + "max-scale: max-scale 2 is less than min-scale 3"),
                new Case("max-scale 0 is unbounded", service(annotate("autoscaling.knative.dev/min-scale", "3"),
                        annotate("autoscaling.knative.dev/max-scale", "0"))),
                new Case("initial-scale 0 needs allow-zero-initial-scale", service(annotate("autoscaling.knative.dev/initial-scale", "0")),
                        AT + "initial-scale: 0 is not allowed: the autoscaler's allow-zero-initial-scale is off"),
                new Case("target above zero", service(annotate("autoscaling.knative.dev/target", "0")),
                        AT + "target: must be a number of at least 0.01, got \"0\""),
                new Case("target within containerConcurrency", service(s -> templateSpec(s).setContainerConcurrency(5L),
                        annotate("autoscaling.knative.dev/target", "10")),
                        AT + "target: target 10 is above containerConcurrency 5"),
                new Case("target utilization 1 to 100", service(annotate("autoscaling.knative.dev/target-utilization-percentage", "101")),
                        AT + "target-utilization-percentage: must be a number from 1 to 100, got \"101\""),
                new Case("window at least 6s", service(annotate("autoscaling.knative.dev/window", "5s")),
                        AT + "window: must be between 6s and 1h, got 5s"),
                new Case("window at most 1h", service(annotate("autoscaling.knative.dev/window", "61m")),
                        AT + "window: must be between 6s and 1h, got 61m"),
                new Case("window whole seconds", service(annotate("autoscaling.knative.dev/window", "6.5s")),
                        AT + "window: must be a whole number of seconds, got 6.5s"),
                new Case("window a Go duration", service(annotate("autoscaling.knative.dev/window", "60")),
                        AT + "window: invalid duration \"60\": missing unit (use ns, us, ms, s, m or h); write it like 60s or 1m30s"),
                new Case("metric cpu invalid", service(annotate("autoscaling.knative.dev/metric", "cpu")),
                        AT + "metric: must be concurrency or rps, got \"cpu\""),
                new Case("class hpa not supported", service(annotate("autoscaling.knative.dev/class", "hpa.autoscaling.knative.dev")),
                        AT + "class: hpa.autoscaling.knative.dev is not supported by Wisp; use kpa.autoscaling.knative.dev"),
                new Case("target-burst-capacity -1 or non-negative", service(annotate("autoscaling.knative.dev/target-burst-capacity", "-2")),
                        AT + "target-burst-capacity: must be -1 or a non-negative number, got \"-2\""),
                new Case("panic window percentage 1 to 100", service(annotate("autoscaling.knative.dev/panic-window-percentage", "0.5")),
                        AT + "panic-window-percentage: must be a number from 1 to 100, got \"0.5\""),
                new Case("panic threshold 110 to 1000", service(annotate("autoscaling.knative.dev/panicThresholdPercentage", "100")),
                        AT + "panicThresholdPercentage: must be a number from 110 to 1000, got \"100\""),
                new Case("scale-down-delay at most 1h", service(annotate("autoscaling.knative.dev/scale-down-delay", "2h")),
                        AT + "scale-down-delay: must be between 0s and 1h, got 2h"),
                new Case("scale-down-delay whole seconds", service(annotate("autoscaling.knative.dev/scale-down-delay", "1500ms")),
                        AT + "scale-down-delay: must be a whole number of seconds, got 1500ms"),
                new Case("retention not negative", service(annotate("autoscaling.knative.dev/scale-to-zero-pod-retention-period", "-1s")),
                        AT + "scale-to-zero-pod-retention-period: must be between 0s and 1h, got -1s"),
                new Case("activation-scale at least 1", service(annotate("autoscaling.knative.dev/activation-scale", "0")),
                        AT + "activation-scale: must be at least 1, got 0"),
                new Case("activation-scale within max-scale", service(annotate("autoscaling.knative.dev/activation-scale", "4"),
                        annotate("autoscaling.knative.dev/max-scale", "3")),
                        AT + "activation-scale: activation-scale 4 is above max-scale 3"),
                new Case("weighted aggregation not supported", service(
                        annotate("autoscaling.knative.dev/metric-aggregation-algorithm", "weightedExponential")),
                        AT + "metric-aggregation-algorithm: only linear is supported by Wisp, got \"weightedExponential\""),
                new Case("unknown autoscaling annotation", service(annotate("autoscaling.knative.dev/minscale", "1")),
                        AT + "minscale: unknown autoscaling annotation; Wisp supports class, metric, target, "
                                + "target-utilization-percentage, min-scale, max-scale, initial-scale, activation-scale, window, "
                                + "panic-window-percentage, panic-threshold-percentage, scale-down-delay, "
                                + "scale-to-zero-pod-retention-period, target-burst-capacity, metric-aggregation-algorithm"),
                new Case("Service-level annotations are validated too",
                        service(s -> s.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(
                                "autoscaling.knative.dev/max-scale", "many")))),
                        "metadata.annotations.autoscaling.knative.dev/max-scale: must be a non-negative integer, got \"many\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheAnnotationByPath(Case c) {
        List<String> errors = new ServingValidation().check(c.service()).stream().map(FieldError::toString).toList();

        assertThat(errors).containsExactlyInAnyOrderElementsOf(c.errors());
    }

    @org.junit.jupiter.api.Test
    void initialScaleZeroWhenTheAutoscalerAllowsIt() {
        AutoscalerDefaults allowZero = new AutoscalerDefaults(Duration.ofSeconds(60), Duration.ofSeconds(30), 100, 0.7, 1, true, true);
        Service service = service(annotate("autoscaling.knative.dev/initial-scale", "0"));

        assertThat(new ServingValidation(allowZero).check(service)).isEmpty();
    }
}
