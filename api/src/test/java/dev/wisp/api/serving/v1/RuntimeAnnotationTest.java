package dev.wisp.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuntimeAnnotationTest {
    private static final String KEY = RuntimeAnnotation.KEY;

    record Case(String name, String value, Optional<String> runtime, List<String> errors) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no annotation: the default runtime", null, Optional.empty(), List.of()),
                new Case("process", "process", Optional.of("process"), List.of()),
                new Case("container, in any case", "Container", Optional.of("container"), List.of()),
                new Case("an unknown runtime is named with its path", "docker", Optional.of("docker"),
                        List.of("spec.template.metadata.annotations[" + KEY + "]: expected \"process\" or \"container\", got \"docker\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesAndReadsTheRuntimeOfAServiceTemplate(Case c) {
        Service service = c.value() == null ? Fixtures.service() : Fixtures.service(Fixtures.annotate(KEY, c.value()));
        Map<String, String> annotations = Fixtures.templateAnnotations(service);

        assertThat(new ServingValidation().check(service)).map(FieldError::toString).containsExactlyElementsOf(c.errors());
        assertThat(RuntimeAnnotation.of(annotations)).isEqualTo(c.runtime());
    }
}
