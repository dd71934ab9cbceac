package dev.wisp.activator.ingress;

import dev.wisp.activator.LoopAffinity;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which CPU each event loop is pinned to, from the affinity setting, the number of loops
 * and the CPUs the process may run on. Pure: {@link CpuAffinity} reads and sets the CPUs.
 *
 * @param cpus   the CPU of each loop, by loop index; empty when the loops stay unpinned
 * @param reason why the loops stay unpinned (empty when they are pinned)
 */
public record LoopCpus(List<Integer> cpus, String reason) {

    /**
     * The plan for {@code loops} event loops; {@code allowedCpus} gives the CPUs the process may use (empty
     * when unknown) and is asked only when the setting lets loops be pinned.
     */
    public static LoopCpus plan(LoopAffinity affinity, int loops, Supplier<Optional<int[]>> allowedCpus) {
        if (affinity == LoopAffinity.OFF) {
            return unpinned("loop affinity is off");
        }
        Optional<int[]> known = allowedCpus.get();
        if (known.isEmpty()) {
            return unpinned("the CPUs this process may use are unknown (not Linux, or no native access)");
        }
        int[] allowed = known.get();
        if (allowed.length < 2) {
            return unpinned("the process may use " + allowed.length + " CPU");
        }
        if (loops != allowed.length) {
            return unpinned(loops + " event loops for " + allowed.length + " usable CPUs");
        }
        return new LoopCpus(Arrays.stream(allowed).boxed().toList(), "");
    }

    /** Whether the loops get pinned. */
    public boolean pinned() {
        return !cpus.isEmpty();
    }

    /** The CPU of loop {@code index}. */
    public int cpuOf(int index) {
        return cpus.get(index);
    }

    @Override
    public String toString() {
        return pinned() ? "pinned to CPUs " + cpus : "unpinned: " + reason;
    }

    private static LoopCpus unpinned(String reason) {
        return new LoopCpus(List.of(), reason);
    }
}
