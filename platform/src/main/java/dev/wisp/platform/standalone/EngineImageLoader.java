package dev.wisp.platform.standalone;

import dev.wisp.build.image.ImageLoader;
import dev.wisp.serving.runtime.container.EngineClient;
import dev.wisp.serving.runtime.container.EngineException;
import dev.wisp.serving.runtime.container.PinnedImage;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Loads the image archives that Builds write into the container engine the container runtime runs
 * revisions with (the build controller's {@link ImageLoader} over the {@link EngineClient}), and
 * answers with the loaded image pinned to its digest ({@code repository@sha256:...}, else the image
 * ID), so the target Service's revision runs exactly the image built, whatever its tag points to later.
 */
public final class EngineImageLoader implements ImageLoader, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineImageLoader.class);
    /** A large image (hundreds of MB) is unpacked and stored by the engine before it answers. */
    private static final Duration LOAD_BOUND = Duration.ofMinutes(10);

    private final EngineClient engine;

    /** A loader over {@code engine}; closing the loader closes the client. */
    public EngineImageLoader(EngineClient engine) {
        this.engine = engine;
    }

    /** A loader over its own client of the engine listening on {@code socket}. */
    public static EngineImageLoader open(Path socket) {
        return new EngineImageLoader(EngineClient.open(socket));
    }

    @Override
    public String load(Path archive) throws IOException {
        long started = System.nanoTime();
        Future<PinnedImage> pinned = engine.loadImage(archive).compose(reference -> engine.inspectImage(reference)
                .compose(found -> found.map(inspection -> Future.succeededFuture(PinnedImage.of(reference, inspection)))
                        .orElseGet(() -> Future.failedFuture(new EngineException(404, "the engine loaded " + archive
                                + " as " + reference + " but has no image by that name")))));
        try {
            PinnedImage pin = pinned.toCompletionStage().toCompletableFuture().get(LOAD_BOUND.toSeconds(), TimeUnit.SECONDS);
            LOG.infof("event=image-loaded archive=%s image=%s pinned=%s millis=%d", archive, pin.requested(),
                    pin.reference(), (System.nanoTime() - started) / 1_000_000);
            return pin.reference();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("the container engine at " + engine.socket() + " did not finish loading " + archive
                    + " within " + LOAD_BOUND.toMinutes() + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading " + archive + " (wisp stopping)");
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
