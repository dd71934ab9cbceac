package dev.wisp.build.run;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import dev.wisp.build.BuildSettings;
import dev.wisp.build.image.BuiltImage;
import dev.wisp.build.image.ImageLoader;
import dev.wisp.build.image.ImageRequest;
import dev.wisp.build.image.OciImageBuilder;
import dev.wisp.build.strategy.BuildFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a built bundle into an OCI image for the container runtime: builds the image on the
 * strategy's base image ({@link OciImageBuilder}), pushes it when the Build names {@code spec.output.image},
 * else loads the archive into the engine through the {@link ImageLoader} when there is one. The result
 * says which reference the Service should run, or why it cannot be rolled out.
 */
public final class ImageStage {
    /** The image built, and the reference the target Service runs it by (empty: not rolled out, {@code why}). */
    public record Result(BuiltImage image, Optional<String> runAs, String why) {
    }

    private final BuildSettings settings;
    private final BuildLogs logs;
    private final OciImageBuilder builder;
    private final Optional<ImageLoader> loader;

    public ImageStage(BuildSettings settings, BuildLogs logs, Optional<ImageLoader> loader) {
        this.settings = settings;
        this.logs = logs;
        this.builder = new OciImageBuilder(settings.stateDir());
        this.loader = loader;
    }

    /** Builds the image of {@code built} (its app in {@code appDir}); a failure is logged and leaves the Service untouched. */
    public Result run(Build build, BuildResult.Built built, Path appDir) throws BuildFailure {
        try {
            return build(build, built, appDir);
        } catch (BuildFailure e) {
            logs.append(build.getMetadata().getNamespace(), build.getMetadata().getName(),
                    "==> failed: " + e.reason() + ": " + e.getMessage());
            throw e;
        }
    }

    private Result build(Build build, BuildResult.Built built, Path appDir) throws BuildFailure {
        String ns = build.getMetadata().getNamespace();
        String name = build.getMetadata().getName();
        BuildStrategy strategy = BuildStrategy.fromSpec(built.manifest().strategy()).orElse(BuildStrategy.COMMAND);
        String base = settings.baseImage(strategy).orElseThrow(() -> new BuildFailure("NoBaseImage",
                "the target runs as a container (wisp.dev/runtime: container) but no base image is configured for "
                        + "strategy " + strategy.specName() + "; configure one (for Java: tar:///path/base.tar built by "
                        + "deploy/image/build-base.sh) or run the Service as a process (wisp.dev/runtime: process)"));
        Optional<String> pushTo = Optional.ofNullable(build.getSpec().getOutput()).map(o -> o.getImage())
                .filter(i -> !i.isBlank());
        String tag = "localhost/wisp-build/" + ns + "/" + name + ":bundle-" + built.bundle().digestHex().substring(0, 16);
        logs.append(ns, name, "==> step: image (jib, base " + base + ")");
        ImageRequest request;
        try {
            request = new ImageRequest(base, appDir, OciImageBuilder.files(appDir), strategy,
                    built.manifest().command(), built.manifest().args(), built.manifest().env(),
                    built.manifest().sourceDigest(), tag, pushTo);
        } catch (IOException e) {
            throw new BuildFailure("ImageBuildFailed", "cannot list the app's files in " + appDir + ": " + e.getMessage(), e);
        }
        BuiltImage image = builder.build(request, line -> logs.append(ns, name, line));
        logs.append(ns, name, "==> image: " + image.digest() + " archive: " + image.archive());
        if (image.pushedAs().isPresent()) {
            logs.append(ns, name, "==> pushed: " + image.pushedAs().get());
            return new Result(image, image.pushedAs(), "");
        }
        if (loader.isEmpty()) {
            String why = "image built to " + image.archive() + " but no image loader is configured, so Service "
                    + build.getSpec().getTarget().getService() + " was not updated; load the archive into the engine "
                    + "(podman load -i ARCHIVE) or set spec.output.image to a registry";
            logs.append(ns, name, "==> not rolled out: " + why);
            return new Result(image, Optional.empty(), why);
        }
        try {
            String loaded = loader.get().load(image.archive());
            logs.append(ns, name, "==> loaded: " + loaded);
            return new Result(image, Optional.of(loaded), "");
        } catch (IOException | RuntimeException e) {
            throw new BuildFailure("ImageLoadFailed", "cannot load " + image.archive() + " into the container engine: "
                    + e.getMessage(), e);
        }
    }
}
