package dev.wisp.serving.reconciler.route.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradualRolloutTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final long T = T0.toEpochMilli();

    /** {@code shares} in the form {@code rev:percent}, oldest first; step parameters as expected after the call. */
    record Case(String name, RolloutState goal, Optional<RolloutState> previous, Duration duration, Instant now,
                List<String> shares, long nextStepTime, int stepSize) {
    }

    static Stream<Case> cases() {
        Duration tenSeconds = Duration.ofSeconds(10);
        return Stream.of(
                new Case("no duration: the goal at once", goal("b", 100), previous(settled("a", 100)), Duration.ZERO, T0,
                        List.of("b:100"), 0, 0),
                new Case("first reconcile: nothing to roll from", goal("b", 100), Optional.empty(), tenSeconds, T0,
                        List.of("b:100"), 0, 0),
                new Case("same revision: nothing moves", goal("a", 100), previous(settled("a", 100)), tenSeconds, T0,
                        List.of("a:100"), 0, 0),
                // 9 s left after the first 1% -> 9 steps of 1 s moving round(99/9) = 11%.
                new Case("new revision starts at 1% with Knative's step sizing", goal("b", 100),
                        previous(settled("a", 100)), tenSeconds, T0, List.of("a:99", "b:1"), T + 1000, 11),
                new Case("a step moves stepSize from the older revision", goal("b", 100),
                        previous(rolling(List.of("a:99", "b:1"), T + 1000, 11)), tenSeconds, T0.plusMillis(1000),
                        List.of("a:88", "b:12"), T + 2000, 11),
                new Case("before the step time nothing moves", goal("b", 100),
                        previous(rolling(List.of("a:99", "b:1"), T + 1000, 11)), tenSeconds, T0.plusMillis(999),
                        List.of("a:99", "b:1"), T + 1000, 11),
                new Case("the last step settles on the new revision", goal("b", 100),
                        previous(rolling(List.of("a:1", "b:99"), T + 9000, 11)), tenSeconds, T0.plusMillis(9000),
                        List.of("b:100"), 0, 0),
                new Case("a newer revision mid-rollout takes 1% from the newest with traffic", goal("c", 100),
                        previous(rolling(List.of("a:60", "b:40"), T + 5000, 11)), tenSeconds, T0,
                        List.of("a:60", "b:39", "c:1"), T + 1000, 11),
                new Case("a step drains the newest older revisions first", goal("c", 100),
                        previous(rolling(List.of("a:60", "b:5", "c:35"), T + 1000, 11)), tenSeconds,
                        T0.plusMillis(1000), List.of("a:54", "c:46"), T + 2000, 11),
                new Case("a smaller total share is taken from the oldest revision", goal("b", 50),
                        previous(rolling(List.of("a:60", "b:40"), T + 5000, 11)), tenSeconds, T0,
                        List.of("a:10", "b:40"), T + 5000, 11),
                // 100 s: 99 s left, 99 steps possible but only 49 percents left -> 49 steps of 1% every 2.02 s.
                new Case("a long rollout of a 50% share moves 1% per step", goal("b", 50),
                        previous(settled("a", 50)), Duration.ofSeconds(100), T0, List.of("a:49", "b:1"), T + 2020, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsAsKnativeDoes(Case c) {
        RolloutState state = GradualRollout.step(c.goal(), c.previous(), c.duration(), c.now());

        ConfigurationRollout rollout = state.of("hello").orElseThrow();
        assertThat(rollout.revisions()).map(r -> r.revisionName() + ":" + r.percent()).containsExactlyElementsOf(c.shares());
        assertThat(rollout.nextStepTime()).isEqualTo(c.nextStepTime());
        assertThat(rollout.stepSize()).isEqualTo(c.stepSize());
        assertThat(rollout.revisions().stream().mapToInt(RevisionShare::percent).sum()).isEqualTo(c.goal().configurations().get(0).percent());
    }

    @Test
    void aWholeRolloutRisesMonotonicallyToAllTrafficWithinTheDuration() {
        Duration duration = Duration.ofSeconds(10);
        RolloutState state = GradualRollout.step(goal("b", 100), previous(settled("a", 100)), duration, T0);
        List<Integer> shares = new ArrayList<>();
        Instant now = T0;
        while (state.of("hello").orElseThrow().inProgress()) {
            shares.add(newest(state));
            now = GradualRollout.nextStepTime(state).orElseThrow();
            state = GradualRollout.step(goal("b", 100), Optional.of(state), duration, now);
        }
        shares.add(newest(state));

        assertThat(shares).isSorted().startsWith(1).endsWith(100).hasSizeGreaterThan(5);
        assertThat(now).isBeforeOrEqualTo(T0.plus(duration));
        assertThat(GradualRollout.nextStepTime(state)).isEmpty();
    }

    @Test
    void stateSurvivesItsAnnotationAndInconsistentStatesAreDiscarded() {
        RolloutState state = rolling(List.of("a:60", "b:40"), T + 5000, 11);

        assertThat(RolloutState.parse(state.toJson())).contains(state);
        assertThat(RolloutState.parse(state.toJson().replace("\"percent\":40", "\"percent\":41"))).isEmpty();
        assertThat(RolloutState.parse("not json")).isEmpty();
        assertThat(RolloutState.parse(null)).isEmpty();
    }

    private static int newest(RolloutState state) {
        List<RevisionShare> revisions = state.of("hello").orElseThrow().revisions();
        return revisions.get(revisions.size() - 1).percent();
    }

    private static RolloutState goal(String revision, int percent) {
        return new RolloutState(List.of(ConfigurationRollout.settled("hello", percent, revision)));
    }

    private static Optional<RolloutState> previous(RolloutState state) {
        return Optional.of(state);
    }

    private static RolloutState settled(String revision, int percent) {
        return goal(revision, percent);
    }

    private static RolloutState rolling(List<String> shares, long nextStepTime, int stepSize) {
        List<RevisionShare> revisions = shares.stream()
                .map(s -> new RevisionShare(s.split(":")[0], Integer.parseInt(s.split(":")[1]))).toList();
        int total = revisions.stream().mapToInt(RevisionShare::percent).sum();
        return new RolloutState(List.of(new ConfigurationRollout("hello", total, revisions, T, nextStepTime, 1000,
                stepSize)));
    }
}
