package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pins each revision's image to a digest the first time it is needed: it inspects the image,
 * pulls it when the engine does not have it, and keeps the pin (in memory and under
 * {@code {dir}/{namespace}/{revision}.json}, so a restarted Wisp runs the same image). A failed
 * resolution is forgotten so the next instance start tries again.
 */
public final class ImageResolver {

    private static final Logger LOG = Logger.getLogger(ImageResolver.class);

    private final EngineClient engine;
    private final Path dir;
    private final Map<RevisionKey, CompletableFuture<PinnedImage>> pins = new ConcurrentHashMap<>();

    public ImageResolver(EngineClient engine, Path dir) {
        this.engine = engine;
        this.dir = dir;
    }

    /** The revision's pinned image; fails with {@link ImagePullFailure} when the image cannot be had. */
    public CompletableFuture<PinnedImage> resolve(RevisionKey revision, String image) {
        if (image == null || image.isBlank()) {
            return CompletableFuture.failedFuture(ImagePullFailure.missingImage());
        }
        CompletableFuture<PinnedImage> pin = pins.computeIfAbsent(revision, key -> load(key)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> pinNow(key, image)));
        pin.whenComplete((ignored, error) -> {
            if (error != null) {
                pins.remove(revision, pin);
            }
        });
        return pin;
    }

    /** The digest a revision is pinned to, once resolved. */
    public Optional<PinnedImage> pinned(RevisionKey revision) {
        CompletableFuture<PinnedImage> pin = pins.get(revision);
        return pin != null && pin.isDone() && !pin.isCompletedExceptionally() ? Optional.of(pin.join()) : Optional.empty();
    }

    /** Forgets a removed revision's pin. */
    public void forget(RevisionKey revision) {
        pins.remove(revision);
        try {
            Files.deleteIfExists(fileOf(revision));
        } catch (IOException e) {
            LOG.warnf("event=image-pin-delete-failed revision=%s error=%s", revision, e.getMessage());
        }
    }

    private CompletableFuture<PinnedImage> pinNow(RevisionKey revision, String image) {
        String reference = withDefaultTag(image);
        Future<PinnedImage> pinned = engine.inspectImage(reference)
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : pull(reference))
                .map(inspection -> PinnedImage.of(reference, inspection))
                .onSuccess(pin -> save(revision, pin));
        return pinned.toCompletionStage().toCompletableFuture();
    }

    private Future<JsonObject> pull(String reference) {
        LOG.infof("event=image-pull image=%s", reference);
        return engine.pullImage(reference)
                .compose(done -> engine.inspectImage(reference))
                .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                        new EngineException(404, "the pull finished but the engine has no image " + reference))))
                .recover(e -> Future.failedFuture(ImagePullFailure.pullFailed(reference, e.getMessage())));
    }

    private void save(RevisionKey revision, PinnedImage pin) {
        LOG.infof("event=image-pinned revision=%s image=%s digest=%s", revision, pin.requested(), pin.digest());
        try {
            Path file = fileOf(revision);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), revision.name(), ".tmp");
            Files.writeString(temp, JsonObject.mapFrom(pin).encode());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the image of " + revision + " under " + dir, e);
        }
    }

    private Optional<PinnedImage> load(RevisionKey revision) {
        Path file = fileOf(revision);
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(new JsonObject(Files.readString(file)).mapTo(PinnedImage.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("event=image-pin-unreadable file=%s error=%s", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path fileOf(RevisionKey revision) {
        return dir.resolve(revision.namespace()).resolve(revision.name() + ".json");
    }

    /** Without a tag or digest an engine would pull every tag: Docker's default tag is {@code latest}. */
    static String withDefaultTag(String image) {
        return image.contains("@") || PinnedImage.repositoryOf(image).length() < image.length() ? image : image + ":latest";
    }
}
