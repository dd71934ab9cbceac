package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.process.EnvironmentBuilder;
import dev.wisp.serving.runtime.process.VariableExpansion;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Builds the Engine API's {@code containers/create} body for one instance of a revision (pure):
 * the pinned image, Knative's environment ({@code PORT}, {@code K_*} and the container's env),
 * {@code command} as Entrypoint and {@code args} as Cmd, working dir, the instance's port published
 * on 127.0.0.1 only, memory and CPU limits, ulimits, and Wisp's labels.
 */
public final class ContainerSpec {

    /** Knative's default container port when the container declares none. */
    public static final int DEFAULT_PORT = 8080;
    /** Limits at or below the hosts': containers fail to start with higher ones on the project's machines. */
    static final long ULIMIT = 1024;
    private static final String LOOPBACK = "127.0.0.1";
    private static final EnvironmentBuilder ENVIRONMENT = new EnvironmentBuilder(Map.of());

    private ContainerSpec() {
    }

    /** The port the instance listens on inside its container ({@code PORT}): the declared one, else 8080. */
    public static int containerPort(Container container) {
        List<ContainerPort> ports = container == null || container.getPorts() == null ? List.of() : container.getPorts();
        return ports.stream().map(ContainerPort::getContainerPort).filter(p -> p != null && p > 0)
                .findFirst().orElse(DEFAULT_PORT);
    }

    /**
     * The create body of an instance of {@code revision} running {@code image}, labelled with
     * {@code labels}, its container port published on 127.0.0.1:{@code hostPort} (0 = any free port).
     */
    public static JsonObject of(RevisionKey key, Revision revision, String image, Map<String, String> labels, int hostPort) {
        Container container = firstContainer(revision);
        int port = containerPort(container);
        Map<String, String> env = ENVIRONMENT.build(container, key, revisionLabels(revision), port).container();
        JsonObject spec = new JsonObject()
                .put("Image", image)
                .put("Env", new JsonArray(env.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()))
                .put("Labels", new JsonObject(Map.copyOf(labels)))
                .put("ExposedPorts", new JsonObject().put(port + "/tcp", new JsonObject()))
                .put("HostConfig", hostConfig(container, port, hostPort));
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            spec.put("Entrypoint", expanded(container.getCommand(), env));
        }
        if (container.getArgs() != null && !container.getArgs().isEmpty()) {
            spec.put("Cmd", expanded(container.getArgs(), env));
        }
        if (container.getWorkingDir() != null && !container.getWorkingDir().isBlank()) {
            spec.put("WorkingDir", container.getWorkingDir());
        }
        return spec;
    }

    private static JsonObject hostConfig(Container container, int port, int hostPort) {
        JsonObject binding = new JsonObject().put("HostIp", LOOPBACK).put("HostPort", Integer.toString(hostPort));
        JsonObject host = new JsonObject()
                .put("PortBindings", new JsonObject().put(port + "/tcp", new JsonArray().add(binding)))
                .put("Ulimits", new JsonArray().add(ulimit("nofile")).add(ulimit("nproc")));
        Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of() : container.getResources().getLimits();
        if (limits.containsKey("memory")) {
            host.put("Memory", Quantity.getAmountInBytes(limits.get("memory")).longValue());
        }
        if (limits.containsKey("cpu")) {
            host.put("NanoCpus", Quantity.getAmountInBytes(limits.get("cpu")).multiply(BigDecimal.valueOf(1_000_000_000L)).longValue());
        }
        return host;
    }

    private static JsonObject ulimit(String name) {
        return new JsonObject().put("Name", name).put("Soft", ULIMIT).put("Hard", ULIMIT);
    }

    private static JsonArray expanded(List<String> parts, Map<String, String> env) {
        return new JsonArray(parts.stream().map(part -> VariableExpansion.expand(part, env)).toList());
    }

    static Container firstContainer(Revision revision) {
        List<Container> containers = revision.getSpec() == null ? null : revision.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            throw new IllegalArgumentException("revision " + revision.getMetadata().getName() + " has no container");
        }
        return containers.get(0);
    }

    private static Map<String, String> revisionLabels(Revision revision) {
        return revision.getMetadata() == null || revision.getMetadata().getLabels() == null
                ? Map.of() : revision.getMetadata().getLabels();
    }
}
