package dev.wisp.build.image;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build into an image: the base image, the app's directory and files, the strategy that
 * built it (it decides the layers), the start command, env, the source digest (an image label), the
 * tag the archive carries and, optionally, the registry repository to push to.
 */
public record ImageRequest(String baseImage, Path appDir, List<String> files, BuildStrategy strategy,
                           List<String> command, List<String> args, Map<String, String> env,
                           String sourceDigest, String tag, Optional<String> pushTo) {
    public ImageRequest {
        files = List.copyOf(files);
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(env)); // sorted: the same app gives the same config
    }
}
