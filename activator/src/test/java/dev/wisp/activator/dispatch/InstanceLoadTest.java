package dev.wisp.activator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceLoadTest {

    private static final Endpoint A = new Endpoint("a", "127.0.0.1", 9001);
    private static final Endpoint B = new Endpoint("b", "127.0.0.1", 9002);
    /** Instance "a" seen again at another address (it restarted on a new port). */
    private static final Endpoint A_MOVED = new Endpoint("a", "127.0.0.1", 9003);

    /** Takes ({@code acquire}) or gives back a slot on {@code instance}. */
    record Op(boolean acquire, Endpoint instance) {
    }

    record Case(String name, List<Op> ops, Map<Endpoint, Integer> byEndpoint, Map<String, Integer> byId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing taken", List.of(), Map.of(A, 0, B, 0), Map.of("a", 0, "b", 0)),
                new Case("slots add up per instance", List.of(take(A), take(A), take(B)), Map.of(A, 2, B, 1),
                        Map.of("a", 2, "b", 1)),
                new Case("a release gives one back", List.of(take(A), take(A), give(A)), Map.of(A, 1),
                        Map.of("a", 1)),
                new Case("back to zero", List.of(take(A), give(A)), Map.of(A, 0), Map.of("a", 0)),
                new Case("releasing a slot never taken changes nothing", List.of(give(A), take(B), give(A)),
                        Map.of(A, 0, B, 1), Map.of("a", 0, "b", 1)),
                new Case("releasing more than taken stays at zero", List.of(take(A), give(A), give(A), take(A)),
                        Map.of(A, 1), Map.of("a", 1)),
                new Case("by id sums the addresses of one instance", List.of(take(A), take(A_MOVED), take(A_MOVED)),
                        Map.of(A, 1, A_MOVED, 2), Map.of("a", 3, "b", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsTheSlotsTaken(Case c) {
        InstanceLoad load = new InstanceLoad();

        for (Op op : c.ops()) {
            if (op.acquire()) {
                load.acquire(op.instance());
            } else {
                load.release(op.instance());
            }
        }

        c.byEndpoint().forEach((instance, count) -> assertThat(load.inFlight(instance)).as("%s", instance)
                .isEqualTo(count));
        c.byId().forEach((id, count) -> assertThat(load.inFlight(id)).as(id).isEqualTo(count));
    }

    @Test
    void forgetsInstancesThatWentIdleButKeepsBusyOnes() {
        InstanceLoad load = new InstanceLoad();
        load.acquire(A);
        for (int port = 10_000; port < 11_000; port++) {
            Endpoint passing = new Endpoint("passing-" + port, "127.0.0.1", port);
            load.acquire(passing);
            load.release(passing);
        }

        assertThat(load.tracked()).isLessThanOrEqualTo(32);
        assertThat(load.inFlight(A)).isEqualTo(1);
        load.release(A);
        assertThat(load.inFlight(A)).isZero();
    }

    private static Op take(Endpoint instance) {
        return new Op(true, instance);
    }

    private static Op give(Endpoint instance) {
        return new Op(false, instance);
    }
}
