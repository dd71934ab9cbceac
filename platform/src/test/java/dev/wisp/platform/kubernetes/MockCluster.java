package dev.wisp.platform.kubernetes;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the Kubernetes-mode tests set up around the mock API server: Wisp's CRDs from
 * {@code deploy/crds}, and an HTTP server standing in for a revision's pod.
 */
public final class MockCluster {

    /** What the stand-in pod answers. */
    public static final String POD_ANSWER = "hello from a pod\n";

    private MockCluster() {
    }

    /** Creates (or updates) every CRD under {@code deploy/crds} on the API server. */
    public static void installCrds(KubernetesClient client) throws IOException {
        try (Stream<Path> crds = Files.list(Path.of("../deploy/crds"))) {
            for (Path file : crds.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    client.apiextensions().v1().customResourceDefinitions().load(in).createOr(c -> c.update());
                }
            }
        }
    }

    /** A started HTTP server on a free loopback port answering every request 200 {@link #POD_ANSWER}. */
    public static HttpServer pod() throws IOException {
        HttpServer pod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pod.createContext("/", exchange -> {
            byte[] body = POD_ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pod.start();
        return pod;
    }
}
