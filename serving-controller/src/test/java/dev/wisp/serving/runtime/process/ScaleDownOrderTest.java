package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.serving.runtime.process.ScaleDownOrder.Candidate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleDownOrderTest {

    record Case(String name, List<Candidate> candidates, int count, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("newest ready first", List.of(ready("a", 1), ready("b", 2), ready("c", 3)), 1, List.of("c")),
                new Case("not ready before ready", List.of(ready("a", 1), starting("b", 2), ready("c", 3)), 1, List.of("b")),
                new Case("all not ready then newest ready", List.of(starting("a", 1), ready("b", 2), starting("c", 3), ready("d", 4)), 3,
                        List.of("c", "a", "d")),
                new Case("zero stops none", List.of(ready("a", 1)), 0, List.of()),
                new Case("more than present stops all", List.of(ready("a", 1), ready("b", 2)), 5, List.of("b", "a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picksVictims(Case c) {
        assertThat(ScaleDownOrder.victims(c.candidates(), c.count())).containsExactlyElementsOf(c.expected());
    }

    private static Candidate ready(String id, long sequence) {
        return new Candidate(id, true, sequence);
    }

    private static Candidate starting(String id, long sequence) {
        return new Candidate(id, false, sequence);
    }
}
