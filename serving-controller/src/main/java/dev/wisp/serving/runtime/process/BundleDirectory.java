package dev.wisp.serving.runtime.process;

import dev.wisp.api.build.BundleReference;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the working directory of a container whose image is a build bundle
 * ({@code wisp.local/{name}@sha256:...}): it must be that bundle's app directory
 * ({@code .../bundles/sha256-{hex}/app}, as {@link BundleReference} lays it out) and exist, so a
 * revision runs exactly the bytes its digest names.
 */
final class BundleDirectory {
    static final String BUNDLE_NOT_FOUND = "BundleNotFound";

    private BundleDirectory() {
    }

    /** The bundle the container runs, if its image is a bundle reference; checked against its working directory. */
    static Optional<BundleReference> check(Container container) throws LaunchFailure {
        Optional<BundleReference> bundle = BundleReference.parse(container == null ? null : container.getImage());
        if (bundle.isEmpty()) {
            return bundle;
        }
        String dir = container.getWorkingDir();
        String expected = bundle.get().appPath();
        if (dir == null || !Path.of(dir).isAbsolute() || !Path.of(dir).normalize().endsWith(expected)) {
            throw new LaunchFailure(BUNDLE_NOT_FOUND, "containers[0].image " + bundle.get().image()
                    + " is a build bundle; containers[0].workingDir must be its directory {stateDir}/" + expected
                    + ", got " + dir);
        }
        if (!Files.isDirectory(Path.of(dir))) {
            throw new LaunchFailure(BUNDLE_NOT_FOUND, "bundle " + bundle.get().image() + " is not in " + dir
                    + "; build it again (wisp deploy --source) or restore the state directory");
        }
        return bundle;
    }
}
