package dev.wisp.eventing.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionOffsetsTest {

    record Case(String name, long position, List<Long> taken, List<Long> resolved, OptionalLong expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing taken: nothing to commit", 5, List.of(), List.of(), OptionalLong.empty()),
                new Case("taken, none resolved: stays at the first", 5, List.of(5L, 6L, 7L), List.of(), OptionalLong.empty()),
                new Case("all resolved: after the last", 5, List.of(5L, 6L, 7L), List.of(7L, 5L, 6L), OptionalLong.of(8)),
                new Case("a later one resolved first: not past the earlier", 5, List.of(5L, 6L, 7L), List.of(6L, 7L), OptionalLong.empty()),
                new Case("the first resolved: up to the next unresolved", 5, List.of(5L, 6L, 7L), List.of(5L, 7L), OptionalLong.of(6)),
                new Case("gaps of compacted offsets", 0, List.of(3L, 9L), List.of(3L), OptionalLong.of(9)),
                new Case("an offset never taken does not count", 5, List.of(5L), List.of(42L), OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commitsOnlyPastResolvedEvents(Case c) {
        PartitionOffsets offsets = new PartitionOffsets(c.position());
        c.taken().forEach(offsets::begin);
        c.resolved().forEach(offsets::resolve);
        assertThat(offsets.toCommit()).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCommittedOffsetIsNotOfferedAgain(Case c) {
        PartitionOffsets offsets = new PartitionOffsets(c.position());
        c.taken().forEach(offsets::begin);
        c.resolved().forEach(offsets::resolve);
        offsets.toCommit().ifPresent(offsets::committed);
        assertThat(offsets.toCommit()).isEmpty();
    }
}
