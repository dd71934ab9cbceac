package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.runtime.process.LogTail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine-side steps of an instance's containers, each asynchronous: start one (pin the
 * image, create, start, read its published port), await its exit (with its logs copied into the
 * instance's log file), stop it with a grace period, remove it.
 */
public final class InstanceContainers {

    /** How long an exit waits for the rest of the container's output to reach its log file. */
    private static final long LOG_FLUSH_MILLIS = 2_000;

    private final EngineClient engine;
    private final ImageResolver images;
    private final String owner;
    private final Clock clock;

    public InstanceContainers(EngineClient engine, ImageResolver images, String owner, Clock clock) {
        this.engine = engine;
        this.images = images;
        this.owner = owner;
        this.clock = clock;
    }

    /** A started container: its id, the 127.0.0.1 port its container port is published on, its host pid. */
    public record Running(String containerId, int hostPort, long pid, PinnedImage image) {
    }

    /**
     * Starts a container for attempt {@code attempt} of an instance; {@code created} learns the
     * container's id as soon as it exists, so that a stop arriving meanwhile can remove it.
     */
    public CompletableFuture<Running> start(RevisionKey key, Revision revision, String instanceId, int attempt,
                                            Path logFile, Consumer<String> created) {
        try {
            writeStartMarker(logFile);
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e);
        }
        String image = ContainerSpec.firstContainer(revision).getImage();
        return images.resolve(key, image).thenCompose(pin -> {
            JsonObject spec = ContainerSpec.of(key, revision, pin.reference(), ContainerLabels.of(owner, key, instanceId), 0);
            Future<Running> running = engine.createContainer("wisp-" + instanceId + "-" + attempt, spec)
                    .onSuccess(created::accept)
                    .compose(id -> engine.startContainer(id).compose(v -> engine.inspectContainer(id))
                            .map(inspection -> runningOf(id, inspection, pin)));
            return running.toCompletionStage();
        }).toCompletableFuture();
    }

    /** Completes with the container's exit code once it stopped and its output is in {@code logFile}. */
    public CompletableFuture<Integer> exitOf(String containerId, Path logFile) {
        CompletableFuture<Void> logs = engine.followLogs(containerId, logFile).toCompletionStage().toCompletableFuture();
        return engine.waitContainer(containerId).toCompletionStage().toCompletableFuture()
                .thenCompose(code -> logs.handle((v, e) -> code)
                        .completeOnTimeout(code, LOG_FLUSH_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** Stops a container (SIGTERM, SIGKILL after {@code grace}) and removes it; never fails. */
    public CompletableFuture<Void> stopAndRemove(String containerId, Duration grace) {
        return engine.stopContainer(containerId, grace)
                .recover(e -> Future.succeededFuture())
                .compose(v -> engine.removeContainer(containerId))
                .toCompletionStage().toCompletableFuture()
                .exceptionally(e -> null);
    }

    /** Removes a stopped (or any) container; never fails. */
    public CompletableFuture<Void> remove(String containerId) {
        return engine.removeContainer(containerId).toCompletionStage().toCompletableFuture().exceptionally(e -> null);
    }

    private static Running runningOf(String id, JsonObject inspection, PinnedImage pin) {
        JsonObject ports = inspection.getJsonObject("NetworkSettings", new JsonObject()).getJsonObject("Ports", new JsonObject());
        int hostPort = ports.fieldNames().stream().map(ports::getJsonArray).filter(b -> b != null && !b.isEmpty())
                .map(InstanceContainers::firstHostPort).findFirst().orElse(0);
        if (hostPort <= 0) {
            throw new EngineException(500, "the engine published no host port for container " + id);
        }
        long pid = inspection.getJsonObject("State", new JsonObject()).getLong("Pid", -1L);
        return new Running(id, hostPort, pid, pin);
    }

    private static int firstHostPort(JsonArray bindings) {
        String port = bindings.getJsonObject(0).getString("HostPort", "0");
        return port.isEmpty() ? 0 : Integer.parseInt(port);
    }

    private void writeStartMarker(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            // A marker per start: a crash message quotes only the output of the run that crashed.
            Files.writeString(logFile, LogTail.START_MARKER + " " + clock.instant() + " (container)\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + logFile, e);
        }
    }
}
