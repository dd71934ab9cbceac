package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeTargetTest {

    private static final int PORT = 40123;

    record Case(String name, Container container, ProbeTarget expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no probe: TCP on PORT", sh("true"), tcp(PORT)),
                new Case("httpGet without port: PORT", sh("true", httpGet("/healthz", null)),
                        http("/healthz", PORT, Map.of(), 1)),
                new Case("httpGet on declared port: PORT", sh("true", declaredPort(8080), httpGet("/ready", new IntOrString(8080))),
                        http("/ready", PORT, Map.of(), 1)),
                new Case("httpGet on other port: as written", sh("true", declaredPort(8080), httpGet("/ready", new IntOrString(9090))),
                        http("/ready", 9090, Map.of(), 1)),
                new Case("httpGet relative path and headers", sh("true", httpGet("ready", null), header("X-Probe", "1"), timeout(3)),
                        http("/ready", PORT, Map.of("X-Probe", "1"), 3)),
                new Case("httpGet named port: PORT", sh("true", httpGet("/", new IntOrString("http1"))), http("/", PORT, Map.of(), 1)),
                new Case("tcpSocket without port: PORT", sh("true", tcpSocket()), tcp(PORT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolves(Case c) {
        assertThat(ProbeTarget.of(c.container(), PORT)).isEqualTo(c.expected());
    }

    private static ProbeTarget tcp(int port) {
        return new ProbeTarget(ProbeTarget.Kind.TCP, "127.0.0.1", port, null, Map.of(), Duration.ofSeconds(1));
    }

    private static ProbeTarget http(String path, int port, Map<String, String> headers, int timeoutSeconds) {
        return new ProbeTarget(ProbeTarget.Kind.HTTP, "127.0.0.1", port, path, headers, Duration.ofSeconds(timeoutSeconds));
    }

    private static Consumer<Container> httpGet(String path, IntOrString port) {
        return c -> {
            Probe probe = new Probe();
            HTTPGetAction action = new HTTPGetAction();
            action.setPath(path);
            action.setPort(port);
            probe.setHttpGet(action);
            c.setReadinessProbe(probe);
        };
    }

    private static Consumer<Container> tcpSocket() {
        return c -> {
            Probe probe = new Probe();
            probe.setTcpSocket(new TCPSocketAction());
            c.setReadinessProbe(probe);
        };
    }

    private static Consumer<Container> header(String name, String value) {
        return c -> c.getReadinessProbe().getHttpGet().setHttpHeaders(List.of(new HTTPHeader(name, value)));
    }

    private static Consumer<Container> timeout(int seconds) {
        return c -> c.getReadinessProbe().setTimeoutSeconds(seconds);
    }

    private static Consumer<Container> declaredPort(int port) {
        return c -> {
            ContainerPort declared = new ContainerPort();
            declared.setContainerPort(port);
            c.setPorts(List.of(declared));
        };
    }
}
