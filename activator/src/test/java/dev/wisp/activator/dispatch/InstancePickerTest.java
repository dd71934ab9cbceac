package dev.wisp.activator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InstancePickerTest {

    private static final Endpoint A = endpoint("a");
    private static final Endpoint B = endpoint("b");
    private static final Endpoint C = endpoint("c");

    record Case(String name, List<Endpoint> ready, int containerConcurrency, Map<Endpoint, Integer> inFlight,
                Set<Endpoint> unusable, Optional<Endpoint> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no instances", List.of(), 0, Map.of(), Set.of(), Optional.empty()),
                new Case("least loaded wins", List.of(A, B, C), 10, Map.of(A, 3, B, 1, C, 2), Set.of(), Optional.of(B)),
                new Case("unlimited, two instances: the less loaded", List.of(A, B), 0, Map.of(A, 3, B, 1), Set.of(),
                        Optional.of(B)),
                new Case("unlimited, only one usable of three", List.of(A, B, C), 0, Map.of(C, 9), Set.of(A, B),
                        Optional.of(C)),
                new Case("unlimited concurrency never fills up", List.of(A), 0, Map.of(A, 10_000), Set.of(),
                        Optional.of(A)),
                new Case("instance at its limit is skipped", List.of(A, B), 2, Map.of(A, 1, B, 2), Set.of(),
                        Optional.of(A)),
                new Case("all at their limit", List.of(A, B), 1, Map.of(A, 1, B, 1), Set.of(), Optional.empty()),
                new Case("unusable instance skipped even if idle", List.of(A, B), 0, Map.of(B, 5), Set.of(A),
                        Optional.of(B)),
                new Case("only unusable instances", List.of(A), 0, Map.of(), Set.of(A), Optional.empty()),
                new Case("above the limit after the limit was lowered", List.of(A, B), 1, Map.of(A, 3), Set.of(),
                        Optional.of(B)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picksTheLeastLoadedUsableInstanceWithAFreeSlot(Case c) {
        InstancePicker picker = new InstancePicker(new SplittableRandom(1));

        Optional<Endpoint> picked = picker.pick(c.ready(), c.containerConcurrency(),
                e -> c.inFlight().getOrDefault(e, 0), e -> !c.unusable().contains(e));

        assertThat(picked).isEqualTo(c.expected());
    }

    @Test
    void tiesAreBrokenAtRandomAmongTheEquallyLoaded() {
        InstancePicker picker = new InstancePicker(new SplittableRandom(7));
        Map<Endpoint, Integer> load = new HashMap<>(Map.of(A, 1, B, 1, C, 2));

        Map<Endpoint, Long> picks = IntStream.range(0, 3000)
                .mapToObj(i -> picker.pick(List.of(A, B, C), 10, e -> load.get(e), e -> true).orElseThrow())
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));

        assertThat(picks).containsOnlyKeys(A, B);
        assertThat(picks.get(A)).isBetween(1200L, 1800L);
    }

    @Test
    void withoutALimitTheLessLoadedOfTwoRandomInstancesIsPicked() {
        InstancePicker picker = new InstancePicker(new SplittableRandom(11));
        Map<Endpoint, Integer> load = Map.of(A, 3, B, 1, C, 2);

        Map<Endpoint, Long> picks = IntStream.range(0, 3000)
                .mapToObj(i -> picker.pick(List.of(A, B, C), 0, load::get, e -> true).orElseThrow())
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));

        // Pairs {A,B} and {B,C} go to B, {A,C} to C; the most loaded instance is never chosen.
        assertThat(picks).containsOnlyKeys(B, C);
        assertThat(picks.get(B)).isBetween(1800L, 2200L);
        assertThat(picks.get(C)).isBetween(800L, 1200L);
    }

    @Test
    void withoutALimitEqualLoadSpreadsEvenly() {
        InstancePicker picker = new InstancePicker(new SplittableRandom(3));
        List<Endpoint> four = List.of(A, B, C, endpoint("d"));

        Map<Endpoint, Long> picks = IntStream.range(0, 4000)
                .mapToObj(i -> picker.pick(four, 0, e -> 0, e -> true).orElseThrow())
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));

        assertThat(picks).hasSize(4);
        assertThat(picks.values()).allSatisfy(n -> assertThat(n).isBetween(850L, 1150L));
    }

    private static Endpoint endpoint(String id) {
        return new Endpoint(id, "127.0.0.1", 10_000 + id.charAt(0));
    }
}
