package dev.wisp.activator.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.activator.LoopAffinity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which CPU each event loop is pinned to, or why none is. */
class LoopCpusTest {

    @Test
    void oneLoopPerUsableCpuIsPinnedInTheirOrder() {
        LoopCpus plan = LoopCpus.plan(LoopAffinity.AUTO, 3, () -> Optional.of(new int[] {2, 5, 7}));

        assertThat(plan.pinned()).isTrue();
        assertThat(new int[] {plan.cpuOf(0), plan.cpuOf(1), plan.cpuOf(2)}).containsExactly(2, 5, 7);
        assertThat(plan).hasToString("pinned to CPUs [2, 5, 7]");
    }

    @Test
    void offLeavesTheLoopsUnpinned() {
        LoopCpus plan = LoopCpus.plan(LoopAffinity.OFF, 2, () -> Optional.of(new int[] {0, 1}));

        assertThat(plan.pinned()).isFalse();
        assertThat(plan.reason()).isEqualTo("loop affinity is off");
    }

    @Test
    void moreOrFewerLoopsThanUsableCpusStayUnpinned() {
        // A CPU quota below the machine's size: the JVM counts 2 processors, the process may use 16 CPUs.
        assertThat(LoopCpus.plan(LoopAffinity.AUTO, 2, () -> Optional.of(range(16))).reason())
                .isEqualTo("2 event loops for 16 usable CPUs");
        assertThat(LoopCpus.plan(LoopAffinity.AUTO, 4, () -> Optional.of(range(2))).pinned()).isFalse();
    }

    @Test
    void aSingleCpuOrUnknownCpusStayUnpinned() {
        assertThat(LoopCpus.plan(LoopAffinity.AUTO, 1, () -> Optional.of(new int[] {3})).reason())
                .isEqualTo("the process may use 1 CPU");
        assertThat(LoopCpus.plan(LoopAffinity.AUTO, 2, () -> Optional.empty()).reason())
                .startsWith("the CPUs this process may use are unknown");
    }

    @Test
    void thePlanKeepsItsOwnCopyOfTheCpus() {
        int[] allowed = {0, 1};
        LoopCpus plan = LoopCpus.plan(LoopAffinity.AUTO, 2, () -> Optional.of(allowed));
        allowed[0] = 9;

        assertThat(plan.cpuOf(0)).isZero();
        assertThat(plan).isEqualTo(LoopCpus.plan(LoopAffinity.AUTO, 2, () -> Optional.of(new int[] {0, 1})));
    }

    private static int[] range(int count) {
        int[] cpus = new int[count];
        for (int i = 0; i < count; i++) {
            cpus[i] = i;
        }
        return cpus;
    }
}
