package dev.wisp.serving.runtime.container;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Removes the containers a previous run of this Wisp left behind (it crashed or was killed): the
 * containers carrying its owner label. Instances start afresh as the autoscaler asks, so none is
 * duplicated; containers of other Wisps or of anyone else carry other labels and are never touched.
 */
public final class LeftoverContainers {

    private static final Logger LOG = Logger.getLogger(LeftoverContainers.class);

    private final EngineClient engine;
    private final String owner;

    public LeftoverContainers(EngineClient engine, String owner) {
        this.engine = engine;
        this.owner = owner;
    }

    /** Removes the owner's containers; returns how many it removed, waiting at most {@code bound}. */
    public int removeAll(Duration bound) {
        try {
            return engine.listContainers(ContainerLabels.ownedBy(owner))
                    .compose(this::removeEach)
                    .toCompletionStage().toCompletableFuture()
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing leftover containers", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list or remove the containers a previous run left behind on "
                    + engine.socket() + ": " + e.getMessage(), e);
        }
    }

    private Future<Integer> removeEach(JsonArray containers) {
        List<Future<Void>> removals = containers.stream().map(JsonObject.class::cast).map(this::remove).toList();
        return Future.all(removals).map(done -> removals.size());
    }

    private Future<Void> remove(JsonObject container) {
        String id = container.getString("Id");
        JsonObject labels = container.getJsonObject("Labels", new JsonObject());
        LOG.infof("event=leftover-container-removed container=%s instance=%s revision=%s/%s state=%s",
                id.substring(0, Math.min(12, id.length())), labels.getString(ContainerLabels.INSTANCE),
                labels.getString(ContainerLabels.NAMESPACE), labels.getString(ContainerLabels.REVISION),
                container.getString("State"));
        return engine.removeContainer(id);
    }
}
