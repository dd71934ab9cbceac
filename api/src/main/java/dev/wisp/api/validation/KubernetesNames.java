package dev.wisp.api.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks names against the Kubernetes label formats (DNS-1035 and DNS-1123), returning what is wrong if anything. */
public final class KubernetesNames {
    public static final int MAX_LABEL_LENGTH = 63;
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private KubernetesNames() {
    }

    /** Empty when {@code name} is a DNS-1035 label (a Service, Route or tag name), else the problem. */
    public static Optional<String> dns1035LabelProblem(String name) {
        return check(name, DNS_1035_LABEL, "must be a DNS-1035 label: lowercase letters, digits and '-', "
                + "starting with a letter and ending with a letter or digit");
    }

    /** Empty when {@code name} is a DNS-1123 label (a namespace), else the problem. */
    public static Optional<String> dns1123LabelProblem(String name) {
        return check(name, DNS_1123_LABEL, "must be a DNS-1123 label: lowercase letters, digits and '-', "
                + "starting and ending with a letter or digit");
    }

    private static Optional<String> check(String name, Pattern format, String rule) {
        if (name.length() > MAX_LABEL_LENGTH) {
            return Optional.of("must be at most " + MAX_LABEL_LENGTH + " characters, got " + name.length());
        }
        if (!format.matcher(name).matches()) {
            return Optional.of(rule + " (got \"" + name + "\")");
        }
        return Optional.empty();
    }
}
