package dev.wisp.api.serving.v1;

import dev.wisp.api.validation.FieldErrors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the one container of a revision. Wisp implements {@code name}, {@code image},
 * {@code command}, {@code args}, {@code workingDir}, {@code env} (literal values), one
 * {@code ports} entry, and {@code readinessProbe}/{@code livenessProbe} (see {@link ProbeValidation});
 * {@code resources} and {@code imagePullPolicy} are accepted as advisory (limits are not enforced on
 * local processes). Every other Kubernetes container field ({@code volumeMounts}, {@code envFrom},
 * {@code securityContext}, {@code lifecycle}, {@code startupProbe}, ...) is rejected by name.
 */
final class ContainerValidation {
    /** Kubernetes' rule for environment variable names. */
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    /** Port names Knative accepts: they select the protocol spoken to the container. */
    private static final Set<String> PORT_NAMES = Set.of("http1", "h2c");

    private ContainerValidation() {
    }

    static void validate(String path, Container container, FieldErrors errors) {
        if (container == null) {
            errors.add(path, "must be an object, got null");
            return;
        }
        if (container.getImage() == null || container.getImage().isBlank()) {
            errors.add(path + ".image", "required");
        }
        rejectUnsupported(path, container, errors);
        errors.unknownFields(path, container.getAdditionalProperties(), Set.of());
        validateEnv(path + ".env", container.getEnv(), errors);
        validatePorts(path + ".ports", container.getPorts(), errors);
        ProbeValidation.validate(path + ".readinessProbe", container.getReadinessProbe(), errors);
        ProbeValidation.validate(path + ".livenessProbe", container.getLivenessProbe(), errors);
        if (container.getResources() != null) {
            errors.unknownFields(path + ".resources", container.getResources().getAdditionalProperties(), Set.of());
        }
    }

    private static void rejectUnsupported(String path, Container c, FieldErrors errors) {
        Map<String, Boolean> set = new java.util.LinkedHashMap<>();
        set.put("envFrom", notEmpty(c.getEnvFrom()));
        set.put("volumeMounts", notEmpty(c.getVolumeMounts()));
        set.put("volumeDevices", notEmpty(c.getVolumeDevices()));
        set.put("securityContext", c.getSecurityContext() != null);
        set.put("lifecycle", c.getLifecycle() != null);
        set.put("startupProbe", c.getStartupProbe() != null);
        set.put("resizePolicy", notEmpty(c.getResizePolicy()));
        set.put("restartPolicy", c.getRestartPolicy() != null);
        set.put("terminationMessagePath", c.getTerminationMessagePath() != null);
        set.put("terminationMessagePolicy", c.getTerminationMessagePolicy() != null);
        set.put("stdin", c.getStdin() != null);
        set.put("stdinOnce", c.getStdinOnce() != null);
        set.put("tty", c.getTty() != null);
        set.forEach((field, present) -> {
            if (present) {
                errors.notSupported(path + "." + field);
            }
        });
    }

    private static void validateEnv(String path, List<EnvVar> env, FieldErrors errors) {
        if (env == null) {
            return;
        }
        for (int i = 0; i < env.size(); i++) {
            String at = path + "[" + i + "]";
            EnvVar var = env.get(i);
            if (var == null) {
                errors.add(at, "must be an object, got null");
                continue;
            }
            if (var.getName() == null || var.getName().isEmpty()) {
                errors.add(at + ".name", "required");
            } else if (!ENV_NAME.matcher(var.getName()).matches()) {
                errors.add(at + ".name", "must consist of letters, digits, '_', '-' or '.', and must not start "
                        + "with a digit (got \"" + var.getName() + "\")");
            }
            if (var.getValueFrom() != null) {
                errors.notSupported(at + ".valueFrom");
            }
            errors.unknownFields(at, var.getAdditionalProperties(), Set.of());
        }
    }

    private static void validatePorts(String path, List<ContainerPort> ports, FieldErrors errors) {
        if (ports == null || ports.isEmpty()) {
            return;
        }
        if (ports.size() > 1) {
            errors.add(path, "Wisp supports at most one port per container, got " + ports.size());
        }
        ContainerPort port = ports.get(0);
        String at = path + "[0]";
        if (port == null) {
            errors.add(at, "must be an object, got null");
            return;
        }
        Integer number = port.getContainerPort();
        if (number == null || number < 1 || number > 65535) {
            errors.add(at + ".containerPort", "must be from 1 to 65535, got " + number);
        }
        if (port.getName() != null && !port.getName().isEmpty() && !PORT_NAMES.contains(port.getName())) {
            errors.add(at + ".name", "must be http1 or h2c, got \"" + port.getName() + "\"");
        }
        if (port.getProtocol() != null && !port.getProtocol().equals("TCP")) {
            errors.add(at + ".protocol", "must be TCP, got \"" + port.getProtocol() + "\"");
        }
        if (port.getHostPort() != null) {
            errors.notSupported(at + ".hostPort");
        }
        if (port.getHostIP() != null) {
            errors.notSupported(at + ".hostIP");
        }
        errors.unknownFields(at, port.getAdditionalProperties(), Set.of());
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
