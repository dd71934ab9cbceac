package dev.wisp.api.serving.v1;

import dev.wisp.api.validation.FieldErrors;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a readiness or liveness probe. Wisp runs {@code httpGet} (path and port optional) and
 * {@code tcpSocket} (port optional) probes, or its default TCP probe when neither is set; {@code exec}
 * and {@code grpc} are rejected as not supported. Ports must be numbers; timing fields non-negative.
 */
final class ProbeValidation {
    private ProbeValidation() {
    }

    static void validate(String path, Probe probe, FieldErrors errors) {
        if (probe == null) {
            return;
        }
        if (probe.getExec() != null) {
            errors.notSupported(path + ".exec");
        }
        if (probe.getGrpc() != null) {
            errors.notSupported(path + ".grpc");
        }
        List<String> handlers = new ArrayList<>();
        if (probe.getHttpGet() != null) {
            handlers.add("httpGet");
            checkPort(path + ".httpGet.port", probe.getHttpGet().getPort(), errors);
            errors.unknownFields(path + ".httpGet", probe.getHttpGet().getAdditionalProperties(), Set.of());
        }
        if (probe.getTcpSocket() != null) {
            handlers.add("tcpSocket");
            checkPort(path + ".tcpSocket.port", probe.getTcpSocket().getPort(), errors);
            errors.unknownFields(path + ".tcpSocket", probe.getTcpSocket().getAdditionalProperties(), Set.of());
        }
        if (handlers.size() > 1) {
            errors.add(path, "expected one of httpGet or tcpSocket, got both");
        }
        checkTimings(path, probe, errors);
        errors.unknownFields(path, probe.getAdditionalProperties(), Set.of());
    }

    private static void checkPort(String path, IntOrString port, FieldErrors errors) {
        if (port == null) {
            return;
        }
        if (port.getIntVal() == null) {
            errors.add(path, "named ports are not supported by Wisp; give the port number (got \"" + port.getStrVal() + "\")");
        } else if (port.getIntVal() < 1 || port.getIntVal() > 65535) {
            errors.add(path, "must be from 1 to 65535, got " + port.getIntVal());
        }
    }

    private static void checkTimings(String path, Probe probe, FieldErrors errors) {
        Map<String, Integer> timings = new java.util.LinkedHashMap<>();
        timings.put("initialDelaySeconds", probe.getInitialDelaySeconds());
        timings.put("periodSeconds", probe.getPeriodSeconds());
        timings.put("timeoutSeconds", probe.getTimeoutSeconds());
        timings.put("successThreshold", probe.getSuccessThreshold());
        timings.put("failureThreshold", probe.getFailureThreshold());
        timings.forEach((field, value) -> {
            if (value != null && value < 0) {
                errors.add(path + "." + field, "must not be negative, got " + value);
            }
        });
        if (probe.getTerminationGracePeriodSeconds() != null) {
            errors.notSupported(path + ".terminationGracePeriodSeconds");
        }
    }
}
