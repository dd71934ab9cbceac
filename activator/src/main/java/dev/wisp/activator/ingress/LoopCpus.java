package dev.wisp.activator.ingress;

import dev.wisp.activator.LoopAffinity;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides which CPU each event loop is pinned to, from the affinity setting, the number of loops
 * and the CPUs the process may run on. Pure: {@link CpuAffinity} reads and sets the CPUs.
 *
 * @param cpus   the CPU of each loop, by loop index; empty when the loops stay unpinned
 * @param reason why the loops stay unpinned (empty when they are pinned)
 */
public record LoopCpus(int[] cpus, String reason) {

    /** The plan for {@code loops} event loops given the CPUs the process may use (empty when unknown). */
    public static LoopCpus plan(LoopAffinity affinity, int loops, Optional<int[]> allowedCpus) {
        if (affinity == LoopAffinity.OFF) {
            return unpinned("loop affinity is off");
        }
        if (allowedCpus.isEmpty()) {
            return unpinned("the CPUs this process may use are unknown (not Linux, or no native access)");
        }
        int[] allowed = allowedCpus.get();
        if (allowed.length < 2) {
            return unpinned("the process may use " + allowed.length + " CPU");
        }
        if (loops != allowed.length) {
            return unpinned(loops + " event loops for " + allowed.length + " usable CPUs");
        }
        return new LoopCpus(allowed.clone(), "");
    }

    /** Whether the loops get pinned. */
    public boolean pinned() {
        return cpus.length > 0;
    }

    /** The CPU of loop {@code index}. */
    public int cpuOf(int index) {
        return cpus[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoopCpus that && Arrays.equals(cpus, that.cpus) && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cpus) + reason.hashCode();
    }

    @Override
    public String toString() {
        return pinned() ? "pinned to CPUs " + Arrays.toString(cpus) : "unpinned: " + reason;
    }

    private static LoopCpus unpinned(String reason) {
        return new LoopCpus(new int[0], reason);
    }
}
