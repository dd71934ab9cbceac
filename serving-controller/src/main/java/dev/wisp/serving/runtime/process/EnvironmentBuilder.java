package dev.wisp.serving.runtime.process;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Serving;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the environment of an instance: a few variables inherited from Wisp's own environment
 * (so {@code java} and {@code python3} are found), the container's {@code env} with
 * {@code $(VAR)} references to earlier variables expanded, then {@code PORT} and Knative's
 * {@code K_SERVICE}, {@code K_CONFIGURATION} and {@code K_REVISION}.
 */
public final class EnvironmentBuilder {

    /** The only variables an instance inherits from the platform's environment. */
    public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "USER");

    private final Map<String, String> parentEnvironment;

    public EnvironmentBuilder(Map<String, String> parentEnvironment) {
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    /**
     * The variables of one instance.
     *
     * @param container the variables the container defines (its env plus PORT and K_*): what
     *                  {@code $(VAR)} in command and args may refer to
     * @param process   the complete environment the process starts with
     */
    public record InstanceEnvironment(Map<String, String> container, Map<String, String> process) {
    }

    /** The environment of an instance of {@code revision} listening on {@code port}. */
    public InstanceEnvironment build(Container container, RevisionKey revision, Map<String, String> labels, int port) {
        Map<String, String> runtime = runtimeVariables(revision, labels, port);
        Map<String, String> defined = new LinkedHashMap<>(runtime);
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (variable.getName() == null || variable.getName().isEmpty()) {
                continue;
            }
            String value = variable.getValue() == null ? "" : variable.getValue();
            defined.put(variable.getName(), VariableExpansion.expand(value, defined));
        }
        // PORT and K_* are reserved in Knative: the runtime's values win over the spec's.
        defined.putAll(runtime);
        Map<String, String> process = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = parentEnvironment.get(name);
            if (value != null) {
                process.put(name, value);
            }
        }
        process.putAll(defined);
        return new InstanceEnvironment(Map.copyOf(defined), process);
    }

    private static Map<String, String> runtimeVariables(RevisionKey revision, Map<String, String> labels, int port) {
        Map<String, String> safeLabels = labels == null ? Map.of() : labels;
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("PORT", Integer.toString(port));
        runtime.put("K_SERVICE", safeLabels.getOrDefault(Serving.SERVICE_LABEL, ""));
        runtime.put("K_CONFIGURATION", safeLabels.getOrDefault(Serving.CONFIGURATION_LABEL, ""));
        runtime.put("K_REVISION", revision.name());
        return runtime;
    }
}
