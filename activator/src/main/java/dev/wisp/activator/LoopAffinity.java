package dev.wisp.activator;

/**
 * Whether the activator pins each of its event loops to a CPU of its own.
 *
 * <p>With as many loops as CPUs, the kernel's scheduler can settle with two loops sharing one CPU
 * while the other CPU idles part of the time (measured on a 2-core machine running the clients and
 * the instance too: about one fresh run in three lost 20% of its throughput that way). Pinning one
 * loop to each CPU rules that placement out; the loops' peers (clients, instances) still move freely.
 */
public enum LoopAffinity {
    /**
     * Pin loop {@code i} to the {@code i}-th CPU the process may run on, when the loops are exactly as
     * many as those CPUs (one loop per core, the default) and there are at least two; otherwise (a CPU
     * quota smaller than the machine, more or fewer loops, not Linux) leave the loops unpinned.
     */
    AUTO,
    /** Never pin: the scheduler places the loops. */
    OFF
}
