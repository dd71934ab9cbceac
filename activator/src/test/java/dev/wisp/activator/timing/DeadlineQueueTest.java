package dev.wisp.activator.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeadlineQueueTest {

    /** A step: add {@code item} with {@code length} at {@code at}, or cancel it (length < 0). */
    record Step(String item, long at, long length) {
        static Step add(String item, long at, long length) {
            return new Step(item, at, length);
        }

        static Step cancel(String item) {
            return new Step(item, 0, -1);
        }
    }

    record Case(String name, List<Step> steps, long expireAt, List<String> expired, long nextAfter, int left) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        long none = Long.MAX_VALUE;
        return Stream.of(
                new Case("nothing pending", List.of(), 100, List.of(), none, 0),
                new Case("one due exactly at its deadline", List.of(Step.add("a", 0, 10)), 10, List.of("a"), none, 0),
                new Case("one not yet due", List.of(Step.add("a", 0, 10)), 9, List.of(), 10, 1),
                new Case("same length fires in arrival order, stops at the first not due",
                        List.of(Step.add("a", 0, 10), Step.add("b", 5, 10), Step.add("c", 20, 10)), 15,
                        List.of("a", "b"), 30, 1),
                new Case("a shorter length added later falls due first",
                        List.of(Step.add("long", 0, 100), Step.add("short", 10, 5)), 15, List.of("short"), 100, 1),
                new Case("a cancelled one never fires",
                        List.of(Step.add("a", 0, 10), Step.add("b", 1, 10), Step.cancel("a")), 50, List.of("b"), none, 0),
                new Case("cancelling the middle keeps the rest linked",
                        List.of(Step.add("a", 0, 10), Step.add("b", 1, 10), Step.add("c", 2, 10), Step.cancel("b")),
                        10, List.of("a"), 12, 1),
                new Case("the next deadline after cancelling the earliest",
                        List.of(Step.add("a", 0, 10), Step.add("b", 0, 50), Step.cancel("a")), 5, List.of(), 50, 1),
                new Case("a clock that went back keeps a group in order",
                        List.of(Step.add("a", 100, 10), Step.add("b", 50, 10)), 110, List.of("a", "b"), none, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expiresWhatIsDue(Case c) {
        DeadlineQueue<String> queue = new DeadlineQueue<>();
        Map<String, DeadlineQueue.Entry<String>> entries = new HashMap<>();
        for (Step step : c.steps()) {
            if (step.length() < 0) {
                assertThat(entries.get(step.item()).cancel()).isTrue();
            } else {
                entries.put(step.item(), queue.add(step.item(), step.length(), step.at()));
            }
        }
        List<String> expired = new ArrayList<>();
        int count = queue.expire(c.expireAt(), expired::add);
        assertThat(expired).containsExactlyElementsOf(c.expired());
        assertThat(count).isEqualTo(c.expired().size());
        assertThat(queue.next()).isEqualTo(c.nextAfter());
        assertThat(queue.size()).isEqualTo(c.left());
    }

    @Test
    void anEntryCannotBeCancelledAfterItFired() {
        DeadlineQueue<String> queue = new DeadlineQueue<>();
        DeadlineQueue.Entry<String> entry = queue.add("a", 10, 0);
        queue.expire(10, item -> { });
        assertThat(entry.cancel()).isFalse();
        assertThat(queue.size()).isZero();
    }

    @Test
    void anExpiryMayCancelAnotherPendingEntry() {
        DeadlineQueue<String> queue = new DeadlineQueue<>();
        queue.add("a", 10, 0);
        DeadlineQueue.Entry<String> b = queue.add("b", 10, 1);
        queue.add("c", 10, 2);
        List<String> expired = new ArrayList<>();
        queue.expire(20, item -> {
            expired.add(item);
            if (item.equals("a")) {
                b.cancel();
            }
        });
        assertThat(expired).containsExactly("a", "c");
    }
}
