package dev.wisp.activator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the CPUs a thread may use, checked against the kernel's own listing. */
class CpuAffinityTest {

    @Test
    void cpuNumbersComeFromEachWordOfTheMask() {
        long[] mask = new long[16];
        mask[0] = 1L | 1L << 63;
        mask[1] = 1L;
        mask[15] = 1L << 63;

        assertThat(CpuAffinity.cpusOf(mask)).containsExactly(0, 63, 64, 1023);
        assertThat(CpuAffinity.cpusOf(new long[16])).isEmpty();
    }

    @Test
    void theCpusReadNativelyAreTheOnesTheKernelLists() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        Optional<int[]> allowed = CpuAffinity.allowedCpus();

        assertThat(allowed).isPresent();
        assertThat(allowed.get()).containsExactly(CpuLists.parse(CpuAffinity.kernelList()));
    }

    @Test
    void aThreadPinnedToOneCpuMayRunOnlyThere() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        int[] allowed = CpuAffinity.allowedCpus().orElseThrow();
        int last = allowed[allowed.length - 1];
        String[] seen = new String[2];
        Thread thread = new Thread(() -> {
            seen[0] = String.valueOf(CpuAffinity.pinCurrentThread(last));
            seen[1] = CpuAffinity.kernelList();
        });
        thread.start();
        thread.join();

        assertThat(seen).containsExactly("true", String.valueOf(last));
        assertThat(CpuAffinity.pinCurrentThread(-1)).isFalse();
    }
}
