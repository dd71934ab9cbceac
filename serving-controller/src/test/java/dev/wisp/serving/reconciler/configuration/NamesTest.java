package dev.wisp.serving.reconciler.configuration;

import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.generation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Configuration;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

    record Case(String name, Configuration configuration, String expected) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("first generation", configuration("hello", c -> generation(c, 1)), "hello-00001"),
                new Case("twelfth generation", configuration("hello", c -> generation(c, 12)), "hello-00012"),
                new Case("beyond five digits", configuration("api", c -> generation(c, 123456)), "api-123456"),
                new Case("template name wins", configuration("hello", c -> generation(c, 7),
                        c -> c.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder().withName("hello-v2").build())),
                        "hello-v2"),
                new Case("empty template name is ignored", configuration("hello", c -> generation(c, 2),
                        c -> c.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder().withName("").build())),
                        "hello-00002"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesRevisionOfTemplate(Case c) {
        assertThat(Names.revision(c.configuration())).isEqualTo(c.expected());
    }
}
