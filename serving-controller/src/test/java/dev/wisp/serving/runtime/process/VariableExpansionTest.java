package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VariableExpansionTest {

    private static final Map<String, String> VARS = Map.of("PORT", "8080", "NAME", "hello", "EMPTY", "");

    record Case(String name, String input, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("defined variable", "--port=$(PORT)", "--port=8080"),
                new Case("two variables", "$(NAME):$(PORT)", "hello:8080"),
                new Case("empty value", "[$(EMPTY)]", "[]"),
                new Case("undefined left as is", "$(MISSING)/x", "$(MISSING)/x"),
                new Case("escaped reference", "$$(PORT)", "$(PORT)"),
                new Case("double dollar", "a$$b", "a$b"),
                new Case("dollar before other", "$PORT", "$PORT"),
                new Case("unclosed reference", "$(PORT", "$(PORT"),
                new Case("trailing dollar", "cost$", "cost$"),
                new Case("no references", "plain", "plain"),
                new Case("shell substitution untouched when undefined", "$(date +%s)", "$(date +%s)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expands(Case c) {
        assertThat(VariableExpansion.expand(c.input(), VARS)).isEqualTo(c.expected());
    }
}
