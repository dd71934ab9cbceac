package dev.wisp.build.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** An {@link ImageLoader} over the podman CLI, for tests: {@code podman load}, and one run of the image. */
final class PodmanLoader implements ImageLoader {
    static boolean available() {
        try {
            return new ProcessBuilder("podman", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public String load(Path archive) throws IOException {
        String out = podman("load", "-i", archive.toString());
        return out.lines().filter(l -> l.startsWith("Loaded image:")).map(l -> l.substring("Loaded image:".length()).trim())
                .reduce((a, b) -> b).orElseThrow(() -> new IOException("podman load printed no image: " + out));
    }

    /** Runs {@code image} once on the host network with PORT set, returns its answer on / and removes it. */
    String answer(String image) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String id = podman("run", "-d", "--rm", "--network", "host", "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=1024:1024", "-e", "PORT=" + port, image).trim();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
            return Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body(), b -> b != null);
        } finally {
            podman("rm", "-f", id);
        }
    }

    private static String podman(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
