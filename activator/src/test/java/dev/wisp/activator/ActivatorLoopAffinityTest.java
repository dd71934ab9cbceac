package dev.wisp.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wisp.activator.ingress.CpuAffinity;
import dev.wisp.activator.ingress.CpuLists;
import dev.wisp.api.dataplane.RevisionKey;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With one event loop per CPU the process may use, each loop runs on a CPU of its own, as the
 * kernel lists it; with other counts, or with affinity off, the loops may run anywhere the process may.
 */
class ActivatorLoopAffinityTest {

    private static final RevisionKey HELLO = ActivatorFixture.revision("hello-00001");

    /** What the kernel lists for this (unpinned) test thread: the process's CPUs. */
    private String processCpus;

    @BeforeEach
    void linuxWithAtLeastTwoCpus() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "pinning is Linux only");
        processCpus = CpuAffinity.kernelList();
        assumeTrue(CpuLists.parse(processCpus).length >= 2, "needs two CPUs, the process may use " + processCpus);
    }

    @Test
    void oneLoopPerCpuPinsEachLoopToItsOwnCpuAndServes() throws Exception {
        int cpus = CpuLists.parse(processCpus).length;
        try (ActivatorFixture fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(cpus))) {
            List<String> loops = loopCpus(fixture);

            assertThat(loops).hasSize(cpus).allSatisfy(list -> assertThat(CpuLists.parse(list)).hasSize(1));
            int[] pinned = loops.stream().mapToInt(Integer::parseInt).sorted().toArray();
            assertThat(pinned).containsExactly(CpuLists.parse(processCpus));
            assertServes(fixture);
        }
    }

    @Test
    void affinityOffLeavesEveryLoopFree() throws Exception {
        int cpus = CpuLists.parse(processCpus).length;
        ActivatorSettings off = ActivatorSettings.defaults().withEventLoops(cpus).withLoopAffinity(LoopAffinity.OFF);
        try (ActivatorFixture fixture = new ActivatorFixture(off)) {
            assertThat(loopCpus(fixture)).hasSize(cpus).containsOnly(processCpus);
            assertServes(fixture);
        }
    }

    @Test
    void moreLoopsThanCpusAreLeftFree() throws Exception {
        int cpus = CpuLists.parse(processCpus).length;
        try (ActivatorFixture fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(cpus + 1))) {
            assertThat(loopCpus(fixture)).hasSize(cpus + 1).containsOnly(processCpus);
        }
    }

    private static List<String> loopCpus(ActivatorFixture fixture) throws Exception {
        return fixture.activator.loopAffinities().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void assertServes(ActivatorFixture fixture) throws Exception {
        fixture.serveOnly("hello.default.localhost", HELLO, 0);
        fixture.readyInstance(HELLO, "hello-a");
        HttpResponse<String> response = fixture.get("hello.default.localhost", "/");
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
