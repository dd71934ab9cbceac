package dev.wisp.serving.runtime.process;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readiness prober checks for one instance: an HTTP GET (ready on 2xx/3xx) or a TCP
 * connect, derived from the container's {@code readinessProbe}, else a TCP connect to {@code PORT}.
 *
 * @param path    request path for {@link Kind#HTTP}, null for TCP
 * @param headers extra request headers for {@link Kind#HTTP}
 * @param timeout how long one probe may wait for an answer
 */
public record ProbeTarget(Kind kind, String host, int port, String path, Map<String, String> headers, Duration timeout) {

    /** How readiness is checked. */
    public enum Kind { HTTP, TCP }

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public ProbeTarget {
        headers = Map.copyOf(headers);
    }

    /**
     * The probe of an instance of {@code container} listening on {@code instancePort}. A probe
     * port that is unset, or names the container's declared port (as Knative requires), means the
     * instance's {@code PORT}; any other number is probed as written.
     */
    public static ProbeTarget of(Container container, int instancePort) {
        Probe probe = container == null ? null : container.getReadinessProbe();
        Duration timeout = probe != null && probe.getTimeoutSeconds() != null && probe.getTimeoutSeconds() > 0
                ? Duration.ofSeconds(probe.getTimeoutSeconds()) : DEFAULT_TIMEOUT;
        if (probe != null && probe.getHttpGet() != null) {
            HTTPGetAction http = probe.getHttpGet();
            int port = resolvePort(http.getPort(), container, instancePort);
            return new ProbeTarget(Kind.HTTP, hostOrLoopback(http.getHost()), port, pathOrRoot(http.getPath()),
                    headersOf(http.getHttpHeaders()), timeout);
        }
        if (probe != null && probe.getTcpSocket() != null) {
            TCPSocketAction tcp = probe.getTcpSocket();
            int port = resolvePort(tcp.getPort(), container, instancePort);
            return new ProbeTarget(Kind.TCP, hostOrLoopback(tcp.getHost()), port, null, Map.of(), timeout);
        }
        return new ProbeTarget(Kind.TCP, LOOPBACK, instancePort, null, Map.of(), timeout);
    }

    private static int resolvePort(IntOrString port, Container container, int instancePort) {
        if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
            return instancePort;
        }
        List<ContainerPort> declared = container.getPorts() == null ? List.of() : container.getPorts();
        if (port.getIntVal() != null) {
            int value = port.getIntVal();
            boolean isDeclared = value == 0 || declared.stream().anyMatch(p -> p.getContainerPort() != null && p.getContainerPort() == value);
            return isDeclared ? instancePort : value;
        }
        String name = port.getStrVal();
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return resolvePort(new IntOrString(Integer.parseInt(name)), container, instancePort);
        }
        return instancePort;
    }

    private static String hostOrLoopback(String host) {
        return host == null || host.isBlank() ? LOOPBACK : host;
    }

    private static String pathOrRoot(String path) {
        if (path == null || path.isBlank()) {
            return "/";
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    private static Map<String, String> headersOf(List<HTTPHeader> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers != null) {
            headers.stream().filter(h -> h.getName() != null).forEach(h -> result.put(h.getName(), h.getValue() == null ? "" : h.getValue()));
        }
        return result;
    }
}
