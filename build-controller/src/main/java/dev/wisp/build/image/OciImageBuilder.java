package dev.wisp.build.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import dev.wisp.build.strategy.BuildFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds a built app into an OCI image with Jib core, without a daemon: the base image (a local
 * archive {@code tar:///...} or a registry reference), the app's files in the layers {@link ImageLayers}
 * plans under {@value ImageLayers#APP_ROOT}, the start command as entrypoint and arguments, the app's
 * env. Writes a Docker archive, content-addressed, to {@code {stateDir}/images/sha256-{hex}.tar}, and
 * also pushes to a registry when asked. Jib's fixed timestamps make the same app give the same digest.
 */
public final class OciImageBuilder {
    private final Path stateDir;

    public OciImageBuilder(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** Builds {@code request}; its progress goes to {@code log}, one line per event. */
    public BuiltImage build(ImageRequest request, Consumer<String> log) throws BuildFailure {
        Path images = stateDir.resolve("images");
        Path staging = images.resolve(".staging-" + UUID.randomUUID() + ".tar");
        try {
            Files.createDirectories(images);
            JibContainer toTar = container(request).containerize(containerizer(TarImage.at(staging)
                    .named(request.tag()), log));
            String hex = toTar.getDigest().getHash();
            Path archive = images.resolve("sha256-" + hex + ".tar");
            Files.move(staging, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Optional<String> pushed = Optional.empty();
            if (request.pushTo().isPresent()) {
                pushed = Optional.of(push(request, log));
            }
            return new BuiltImage(archive, request.tag(), toTar.getDigest().toString(), toTar.getImageId().toString(), pushed);
        } catch (InvalidImageReferenceException e) {
            throw new BuildFailure("ImageReferenceInvalid", "invalid image reference: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BuildFailure("ImageBuildFailed", "Jib could not build the image on " + request.baseImage() + ": " + cause, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("Interrupted", "image build interrupted (wisp stopping)");
        } catch (IOException | RuntimeException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException
                 | com.google.cloud.tools.jib.api.RegistryException e) {
            throw new BuildFailure("ImageBuildFailed", "cannot build the image: " + e, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private String push(ImageRequest request, Consumer<String> log) throws InvalidImageReferenceException,
            InterruptedException, ExecutionException, IOException, com.google.cloud.tools.jib.api.RegistryException,
            com.google.cloud.tools.jib.api.CacheDirectoryCreationException {
        ImageReference target = ImageReference.parse(request.pushTo().orElseThrow());
        RegistryImage registry = RegistryImage.named(target)
                .addCredentialRetriever(CredentialRetrieverFactory.forImage(target, e -> log.accept(e.getMessage())).dockerConfig());
        JibContainer pushed = container(request).containerize(containerizer(registry, log));
        String repository = target.toStringWithQualifier().replaceFirst("[:@][^/]*$", "");
        return repository + "@" + pushed.getDigest();
    }

    private static JibContainerBuilder container(ImageRequest request) throws InvalidImageReferenceException, IOException {
        JibContainerBuilder builder = Jib.from(request.baseImage());
        for (ImageLayers.Layer layer : ImageLayers.plan(request.strategy(), request.files())) {
            FileEntriesLayer.Builder entries = FileEntriesLayer.builder().setName(layer.name());
            for (String file : layer.files()) {
                Path source = request.appDir().resolve(file);
                entries.addEntry(source, AbsoluteUnixPath.get(ImageLayers.APP_ROOT + "/" + file),
                        FilePermissions.fromOctalString(Files.isExecutable(source) ? "755" : "644"));
            }
            builder.addFileEntriesLayer(entries.build());
        }
        request.env().forEach(builder::addEnvironmentVariable);
        return builder.setWorkingDirectory(AbsoluteUnixPath.get(ImageLayers.APP_ROOT))
                .setEntrypoint(request.command())
                .setProgramArguments(request.args().isEmpty() ? null : request.args())
                .addLabel("dev.wisp.build/source-digest", request.sourceDigest());
    }

    private Containerizer containerizer(TarImage tar, Consumer<String> log) {
        return configure(Containerizer.to(tar), log);
    }

    private Containerizer containerizer(RegistryImage registry, Consumer<String> log) {
        return configure(Containerizer.to(registry), log);
    }

    private Containerizer configure(Containerizer containerizer, Consumer<String> log) {
        Path cache = stateDir.resolve("builds").resolve("jib-cache");
        return containerizer.setToolName("wisp")
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .addEventHandler(LogEvent.class, e -> logged(e, log));
    }

    private static void logged(LogEvent event, Consumer<String> log) {
        if (event.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal()) {
            log.accept("jib: " + event.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a staging file left behind is harmless: the next build uses a new name
        }
    }

    /** Lists an app's regular files relative to {@code appDir}, with '/'. */
    public static List<String> files(Path appDir) throws IOException {
        try (var walk = Files.walk(appDir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> appDir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
