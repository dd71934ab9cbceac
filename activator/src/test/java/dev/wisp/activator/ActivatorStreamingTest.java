package dev.wisp.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Large bodies pass through in constant memory: checked in a child JVM whose heap is far smaller. */
class ActivatorStreamingTest {

    private static final int MIB = 256;

    @Test
    void a256MiBUploadTwiceAndADownloadPassThroughA48MiBHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-Xmx48m", "-XX:MaxDirectMemorySize=48m",
                "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(), Integer.toString(MIB))
                .redirectErrorStream(true).start();
        String output = readAll(probe);

        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).as("probe finished").isTrue();
        long bytes = (long) MIB * 1024 * 1024;
        assertThat(output).contains("uploaded=" + bytes + " uploadedWithLength=" + bytes + " downloaded=" + bytes);
        assertThat(probe.exitValue()).as(output).isZero();
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
