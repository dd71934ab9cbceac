package dev.wisp.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.codec.ExampleFiles;
import dev.wisp.api.codec.ResourceCodec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesAreValidTest {
    static Stream<String> examples() {
        return Stream.of("hello-service.yaml", "blue-green.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validAfterDefaults(String file) {
        for (HasMetadata resource : new ResourceCodec().readAll(ExampleFiles.read(file))) {
            ServingDefaults.apply(resource);

            assertThat(new ServingValidation().check(resource)).isEmpty();
        }
    }
}
