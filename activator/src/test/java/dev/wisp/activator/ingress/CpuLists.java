package dev.wisp.activator.ingress;

import java.util.ArrayList;
import java.util.List;

/** Parses the kernel's CPU lists ({@code 0-3,6}) for tests. */
public final class CpuLists {

    private CpuLists() {
    }

    /** The CPUs of a list such as {@code 0-3,6}, ascending as the kernel writes them. */
    public static int[] parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }
}
