package dev.wisp.serving.runtime.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Test set-up: runs {@code scripts/podman-service.sh}, which installs podman, runc and
 * busybox-static when missing, builds the local test image and starts {@code podman system service}
 * on a socket under the temp dir. Fails with the script's reason when any of that fails: the
 * container tests are never skipped silently.
 */
final class PodmanService {

    /** The locally built image: busybox whose httpd serves "hello from a wisp container" on $PORT. */
    static final String IMAGE = "localhost/wisp-test/busybox:2";
    private static final Path SCRIPT = Path.of("../scripts/podman-service.sh").toAbsolutePath().normalize();
    private static final Duration INSTALL_BOUND = Duration.ofMinutes(10);
    private static Path socket;

    private PodmanService() {
    }

    /** The socket of a running Podman API service, starting it (once per JVM) when needed. */
    static synchronized Path socket() throws IOException, InterruptedException {
        if (socket != null) {
            return socket;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "wisp-podman-test");
        Path out = Files.createTempFile("podman-service", ".out");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(SCRIPT.toString(), dir.toString(), IMAGE)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(INSTALL_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " did not finish within " + INSTALL_BOUND + ": " + tail(out));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " failed (exit " + process.exitValue() + "): " + tail(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        System.out.printf("podman service ready in %d ms: %s%n", (System.nanoTime() - started) / 1_000_000,
                output.lines().filter(l -> l.startsWith("socket=") || l.startsWith("installSeconds=")).toList());
        socket = output.lines().filter(l -> l.startsWith("socket=")).map(l -> Path.of(l.substring(7)))
                .findFirst().orElseThrow(() -> new IllegalStateException(SCRIPT + " printed no socket: " + output));
        return socket;
    }

    private static String tail(Path out) throws IOException {
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
