package dev.wisp.activator.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficSplitterTest {

    private static final RevisionKey V1 = new RevisionKey("default", "hello-00001");
    private static final RevisionKey V2 = new RevisionKey("default", "hello-00002");
    private static final RevisionKey V3 = new RevisionKey("default", "hello-00003");

    record Case(String name, List<WeightedRevision> targets, int roll, Optional<RevisionKey> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<WeightedRevision> canary = List.of(w(V1, 80), w(V2, 20));
        return Stream.of(
                new Case("no targets", List.of(), 0, Optional.empty()),
                new Case("single target", List.of(w(V1, 100)), 99, Optional.of(V1)),
                new Case("lowest roll goes to the first", canary, 0, Optional.of(V1)),
                new Case("last roll of the first share", canary, 79, Optional.of(V1)),
                new Case("first roll of the second share", canary, 80, Optional.of(V2)),
                new Case("highest roll goes to the last", canary, 99, Optional.of(V2)),
                new Case("0% target is skipped", List.of(w(V1, 0), w(V2, 100)), 0, Optional.of(V2)),
                new Case("0% in the middle is skipped", List.of(w(V1, 50), w(V2, 0), w(V3, 50)), 50, Optional.of(V3)),
                new Case("only target at 0% is still used", List.of(w(V1, 0)), 0, Optional.of(V1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rollFallsOnTheTargetOwningThatShare(Case c) {
        assertThat(TrafficSplitter.choose(c.targets(), c.roll())).isEqualTo(c.expected());
    }

    @Test
    void randomChoiceFollowsThePercents() {
        SplittableRandom random = new SplittableRandom(3);
        List<WeightedRevision> targets = List.of(w(V1, 70), w(V2, 0), w(V3, 30));

        Map<RevisionKey, Long> chosen = IntStream.range(0, 10_000)
                .mapToObj(i -> TrafficSplitter.choose(targets, random).orElseThrow())
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));

        assertThat(chosen).containsOnlyKeys(V1, V3);
        assertThat(chosen.get(V1)).isBetween(6700L, 7300L);
    }

    private static WeightedRevision w(RevisionKey revision, int percent) {
        return new WeightedRevision(revision, percent);
    }
}
