package dev.wisp.serving.runtime.process;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The argument vector of an instance: the container's {@code command} followed by its
 * {@code args}, with {@code $(VAR)} references expanded as Kubernetes does.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Whether the container has a command the process runtime can run. */
    public static boolean hasCommand(Container container) {
        return container != null && container.getCommand() != null && !container.getCommand().isEmpty();
    }

    /** The expanded argument vector; the container must have a command ({@link #hasCommand}). */
    public static List<String> of(Container container, Map<String, String> variables) {
        if (!hasCommand(container)) {
            throw new IllegalArgumentException("container has no command");
        }
        List<String> argv = new ArrayList<>();
        container.getCommand().forEach(part -> argv.add(VariableExpansion.expand(part, variables)));
        if (container.getArgs() != null) {
            container.getArgs().forEach(arg -> argv.add(VariableExpansion.expand(arg, variables)));
        }
        return List.copyOf(argv);
    }
}
