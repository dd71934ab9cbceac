package dev.wisp.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutAnnotationValidationTest {
    private static final String KEY = "serving.knative.dev/rollout-duration";

    record Case(String name, HasMetadata resource, List<String> errors) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a duration on a Service", annotated(Fixtures.service(), "120s"), List.of()),
                new Case("minutes and seconds on a Route", annotated(route(), "1m30s"), List.of()),
                new Case("zero turns rollout off", annotated(Fixtures.service(), "0s"), List.of()),
                new Case("not a duration", annotated(Fixtures.service(), "soon"),
                        List.of("metadata.annotations[" + KEY + "]: expected a duration such as 120s or 2m, got \"soon\"")),
                new Case("negative on a Route", annotated(route(), "-5s"),
                        List.of("metadata.annotations[" + KEY + "]: must not be negative, got \"-5s\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesTheRolloutDuration(Case c) {
        assertThat(new ServingValidation().check(c.resource())).map(FieldError::toString).containsExactlyElementsOf(c.errors());
    }

    private static Route route() {
        Route route = new Route();
        route.setMetadata(new ObjectMeta());
        route.getMetadata().setName("hello");
        route.getMetadata().setNamespace("default");
        route.getSpec().setTraffic(List.of(new TrafficTarget("hello-00001", null, false, 100L, null)));
        return route;
    }

    private static <T extends HasMetadata> T annotated(T resource, String duration) {
        resource.getMetadata().setAnnotations(Map.of(KEY, duration));
        return resource;
    }
}
