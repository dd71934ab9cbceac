package dev.wisp.activator.ingress;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the CPUs the calling thread may run on and pins it to one of them, through Linux's
 * {@code sched_getaffinity}/{@code sched_setaffinity} (called with JNA). Everywhere else, and when
 * the native call is not possible, it reports the CPUs as unknown and pins nothing.
 */
public final class CpuAffinity {

    private static final Logger LOG = Logger.getLogger(CpuAffinity.class);
    /** glibc's cpu_set_t: 1024 CPUs, as unsigned longs (CPU n is bit n % 64 of word n / 64). */
    private static final int MASK_WORDS = 16;
    private static final NativeLong MASK_BYTES = new NativeLong(MASK_WORDS * 8L);

    /** The two libc calls, on the calling thread (pid 0). */
    private interface LibC extends Library {
        int sched_getaffinity(int pid, NativeLong size, long[] mask);

        int sched_setaffinity(int pid, NativeLong size, long[] mask);
    }

    private static final Optional<LibC> LIBC = load();

    private CpuAffinity() {
    }

    /** The CPUs the calling thread may run on, in ascending order; empty when they cannot be read. */
    public static Optional<int[]> allowedCpus() {
        if (LIBC.isEmpty()) {
            return Optional.empty();
        }
        long[] mask = new long[MASK_WORDS];
        if (LIBC.get().sched_getaffinity(0, MASK_BYTES, mask) != 0) {
            LOG.debugf("event=cpu-affinity-unreadable errno=%d", Native.getLastError());
            return Optional.empty();
        }
        return Optional.of(cpusOf(mask));
    }

    /** Pins the calling thread to {@code cpu}; false (and nothing changed) when that is not possible. */
    public static boolean pinCurrentThread(int cpu) {
        if (LIBC.isEmpty() || cpu < 0 || cpu >= MASK_WORDS * 64) {
            return false;
        }
        long[] mask = new long[MASK_WORDS];
        mask[cpu / 64] = 1L << (cpu % 64);
        if (LIBC.get().sched_setaffinity(0, MASK_BYTES, mask) != 0) {
            LOG.debugf("event=cpu-affinity-refused cpu=%d errno=%d", cpu, Native.getLastError());
            return false;
        }
        return true;
    }

    /**
     * The calling thread's CPUs as the kernel lists them in {@code /proc/thread-self/status}
     * ({@code Cpus_allowed_list}, such as {@code 0-3,6}); empty when that cannot be read.
     */
    public static String kernelList() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("event=cpu-list-unreadable cause=%s", e.toString());
        }
        return "";
    }

    /** The CPU numbers set in a cpu_set_t, ascending. */
    static int[] cpusOf(long[] mask) {
        int count = 0;
        for (long word : mask) {
            count += Long.bitCount(word);
        }
        int[] cpus = new int[count];
        int next = 0;
        for (int word = 0; word < mask.length; word++) {
            for (long bits = mask[word]; bits != 0; bits &= bits - 1) {
                cpus[next++] = word * 64 + Long.numberOfTrailingZeros(bits);
            }
        }
        return cpus;
    }

    private static Optional<LibC> load() {
        if (!Platform.isLinux()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Native.load("c", LibC.class));
        } catch (LinkageError | RuntimeException e) {
            LOG.debugf("event=cpu-affinity-unavailable cause=%s", e.toString());
            return Optional.empty();
        }
    }
}
