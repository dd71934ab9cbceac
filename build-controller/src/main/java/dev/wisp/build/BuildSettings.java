package dev.wisp.build;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configures the build controller: the state directory (bundles, image archives, logs, work and cache
 * directories), whether Maven runs offline, how long one build step may run, and the base image of
 * each strategy's OCI output ({@code tar:///path/base.tar} for a local Docker archive such as
 * {@code deploy/image/build-base.sh} writes, or a registry reference). A strategy without a base image
 * builds bundles only; a Build that asks it for an OCI image fails with the reason.
 */
public record BuildSettings(Path stateDir, boolean mavenOffline, Duration stepTimeout, Map<BuildStrategy, String> baseImages) {
    public BuildSettings {
        baseImages = Map.copyOf(baseImages);
    }

    /** Settings without any base image: bundles only. */
    public BuildSettings(Path stateDir, boolean mavenOffline, Duration stepTimeout) {
        this(stateDir, mavenOffline, stepTimeout, Map.of());
    }

    /** Standalone defaults: Maven online (it reads the user's local repository first), 20 minutes per step, no base image. */
    public static BuildSettings defaults(Path stateDir) {
        return new BuildSettings(stateDir, false, Duration.ofMinutes(20));
    }

    /** These settings with {@code image} as the base image of {@code strategy}'s OCI output. */
    public BuildSettings withBaseImage(BuildStrategy strategy, String image) {
        Map<BuildStrategy, String> images = new EnumMap<>(BuildStrategy.class);
        images.putAll(baseImages);
        images.put(strategy, image);
        return new BuildSettings(stateDir, mavenOffline, stepTimeout, images);
    }

    /** The base image of {@code strategy}'s OCI output, if one is configured. */
    public Optional<String> baseImage(BuildStrategy strategy) {
        return Optional.ofNullable(baseImages.get(strategy));
    }
}
