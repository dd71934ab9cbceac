package dev.wisp.serving.kubernetes.resources;

import dev.wisp.serving.reconciler.Json;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * Completes a Revision container's probes for a pod: Knative lets users leave out the port of an
 * {@code httpGet}/{@code tcpSocket}/{@code grpc} probe (it means the user port) and defaults the
 * readiness probe to a TCP connect on that port.
 */
final class ProbeDefaults {

    private ProbeDefaults() {
    }

    /** The user's readiness probe with its port filled in, or a TCP probe on {@code port}. */
    static Probe readiness(Probe declared, int port) {
        if (declared == null || (declared.getHttpGet() == null && declared.getTcpSocket() == null
                && declared.getGrpc() == null && declared.getExec() == null)) {
            ProbeBuilder builder = declared == null ? new ProbeBuilder() : new ProbeBuilder(Json.copy(declared, Probe.class));
            return builder.withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                    .withSuccessThreshold(1).build();
        }
        return withPort(declared, port);
    }

    /** A copy of {@code declared} whose handler targets {@code port} when it names none; null stays null. */
    static Probe withPort(Probe declared, int port) {
        if (declared == null) {
            return null;
        }
        Probe probe = Json.copy(declared, Probe.class);
        if (probe.getHttpGet() != null && unset(probe.getHttpGet().getPort())) {
            probe.getHttpGet().setPort(new IntOrString(port));
        }
        if (probe.getTcpSocket() != null && unset(probe.getTcpSocket().getPort())) {
            probe.getTcpSocket().setPort(new IntOrString(port));
        }
        if (probe.getGrpc() != null && (probe.getGrpc().getPort() == null || probe.getGrpc().getPort() == 0)) {
            probe.getGrpc().setPort(port);
        }
        return probe;
    }

    private static boolean unset(IntOrString port) {
        return port == null || (port.getIntVal() == null && (port.getStrVal() == null || port.getStrVal().isEmpty()))
                || Integer.valueOf(0).equals(port.getIntVal());
    }
}
