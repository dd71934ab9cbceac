package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessCheckTest {

    private HttpServer server;
    private final List<String> probeHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/ok", exchange -> answer(exchange, 200));
        server.createContext("/moved", exchange -> answer(exchange, 302));
        server.createContext("/broken", exchange -> answer(exchange, 500));
        server.createContext("/headers", exchange -> {
            probeHeaders.add(exchange.getRequestHeaders().getFirst("X-Probe"));
            answer(exchange, 204);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void httpStatus2xxAnd3xxAreReady() {
        assertThat(ReadinessCheck.isReady(http("/ok"))).isTrue();
        assertThat(ReadinessCheck.isReady(http("/moved"))).isTrue();
    }

    @Test
    void httpErrorsAreNotReady() {
        assertThat(ReadinessCheck.isReady(http("/broken"))).isFalse();
        assertThat(ReadinessCheck.isReady(http("/missing"))).isFalse();
    }

    @Test
    void sendsConfiguredHeaders() {
        ProbeTarget target = new ProbeTarget(ProbeTarget.Kind.HTTP, "127.0.0.1", port(), "/headers",
                Map.of("X-Probe", "wisp"), Duration.ofSeconds(1));
        assertThat(ReadinessCheck.isReady(target)).isTrue();
        assertThat(probeHeaders).containsExactly("wisp");
    }

    @Test
    void tcpIsReadyWhenSomethingListens() throws IOException {
        assertThat(ReadinessCheck.isReady(tcp(port()))).isTrue();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        assertThat(ReadinessCheck.isReady(tcp(closedPort))).isFalse();
    }

    private ProbeTarget http(String path) {
        return new ProbeTarget(ProbeTarget.Kind.HTTP, "127.0.0.1", port(), path, Map.of(), Duration.ofSeconds(1));
    }

    private static ProbeTarget tcp(int port) {
        return new ProbeTarget(ProbeTarget.Kind.TCP, "127.0.0.1", port, null, Map.of(), Duration.ofSeconds(1));
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
