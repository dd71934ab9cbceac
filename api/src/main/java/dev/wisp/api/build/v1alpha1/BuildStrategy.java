package dev.wisp.api.build.v1alpha1;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ways a Build can turn source into a runnable app; {@code auto} detects one from the source's files. */
public enum BuildStrategy {
    AUTO, MAVEN, NODE, PYTHON, COMMAND;

    /** The name used in a Build's {@code spec.strategy}: lower case. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy a {@code spec.strategy} value names, if it names one (case-sensitive, as Kubernetes enums are). */
    public static Optional<BuildStrategy> fromSpec(String value) {
        return Arrays.stream(values()).filter(s -> s.specName().equals(value)).findFirst();
    }

    /** Every spec name, for error messages. */
    public static List<String> specNames() {
        return Arrays.stream(values()).map(BuildStrategy::specName).toList();
    }
}
