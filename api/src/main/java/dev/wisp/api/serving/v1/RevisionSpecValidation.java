package dev.wisp.api.serving.v1;

import dev.wisp.api.validation.FieldErrors;
import java.util.Set;

/**
 * Validates a revision spec (a Revision's {@code spec} or a template's {@code spec.template.spec}):
 * exactly one container, Knative's bounds on concurrency and timeouts, and no PodSpec fields Wisp
 * does not implement ({@code volumes}, {@code serviceAccountName}, ... are rejected by name).
 */
final class RevisionSpecValidation {
    public static final long MAX_CONTAINER_CONCURRENCY = 1000;
    public static final long MAX_TIMEOUT_SECONDS = 600;

    /** PodSpec fields Kubernetes defines that Wisp does not implement. */
    private static final Set<String> POD_SPEC_FIELDS = Set.of("volumes", "serviceAccountName", "serviceAccount",
            "automountServiceAccountToken", "imagePullSecrets", "enableServiceLinks", "nodeSelector", "nodeName",
            "affinity", "tolerations", "securityContext", "runtimeClassName", "hostAliases", "initContainers",
            "ephemeralContainers", "priorityClassName", "priority", "preemptionPolicy", "schedulerName",
            "topologySpreadConstraints", "dnsPolicy", "dnsConfig", "hostIPC", "hostPID", "hostNetwork", "hostUsers",
            "hostname", "subdomain", "setHostnameAsFQDN", "shareProcessNamespace", "terminationGracePeriodSeconds",
            "activeDeadlineSeconds", "restartPolicy", "overhead", "readinessGates", "os", "resourceClaims",
            "schedulingGates", "resources");

    private RevisionSpecValidation() {
    }

    static void validate(String path, RevisionSpec spec, FieldErrors errors) {
        if (spec == null) {
            errors.add(path, "required");
            return;
        }
        errors.unknownFields(path, spec.getUnknownFields(), POD_SPEC_FIELDS);
        int count = spec.getContainers().size();
        if (count != 1) {
            errors.add(path + ".containers", "Wisp supports exactly one container per revision, got " + count);
        }
        for (int i = 0; i < count; i++) {
            ContainerValidation.validate(path + ".containers[" + i + "]", spec.getContainers().get(i), errors);
        }
        Long cc = spec.getContainerConcurrency();
        if (cc != null && (cc < 0 || cc > MAX_CONTAINER_CONCURRENCY)) {
            errors.add(path + ".containerConcurrency", "must be from 0 to " + MAX_CONTAINER_CONCURRENCY + ", got " + cc);
        }
        validateTimeouts(path, spec, errors);
    }

    private static void validateTimeouts(String path, RevisionSpec spec, FieldErrors errors) {
        Long timeout = spec.getTimeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS)) {
            errors.add(path + ".timeoutSeconds", "must be from 1 to " + MAX_TIMEOUT_SECONDS + ", got " + timeout);
        }
        long limit = timeout == null ? ServingDefaults.DEFAULT_TIMEOUT_SECONDS : timeout;
        checkWithinTimeout(path + ".responseStartTimeoutSeconds", spec.getResponseStartTimeoutSeconds(), limit, errors);
        checkWithinTimeout(path + ".idleTimeoutSeconds", spec.getIdleTimeoutSeconds(), limit, errors);
    }

    private static void checkWithinTimeout(String path, Long value, long timeout, FieldErrors errors) {
        if (value != null && (value < 0 || value > timeout)) {
            errors.add(path, "must be from 0 to timeoutSeconds (" + timeout + "), got " + value);
        }
    }
}
