package dev.wisp.build.image;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plans the layers of a built app's image (pure, over the app's relative file paths with '/'):
 * for Maven, the libraries ({@code target/.../lib/...}) in a {@code dependencies} layer that changes
 * rarely, and the rest of the build output in an {@code application} layer, leaving out sources,
 * loose classes and Maven's bookkeeping; for other strategies, the whole app in one layer. Paths are
 * sorted so the same app always gives the same layers.
 */
public final class ImageLayers {
    /** Where the app lies in the image; also its working directory. */
    public static final String APP_ROOT = "/app";

    /** Directories of a Maven build that the running app does not need. */
    private static final Set<String> MAVEN_SKIPPED = Set.of("src/", "target/classes/", "target/test-classes/",
            "target/generated-sources/", "target/generated-test-sources/", "target/maven-status/",
            "target/maven-archiver/", "target/surefire-reports/", "target/failsafe-reports/", ".mvn/");

    /** One layer: its name and the files it holds, relative to the app's directory. */
    public record Layer(String name, List<String> files) {
        public Layer {
            files = List.copyOf(files);
        }
    }

    private ImageLayers() {
    }

    /** The layers of an app built with {@code strategy} whose files are {@code files}; empty layers are left out. */
    public static List<Layer> plan(BuildStrategy strategy, List<String> files) {
        List<String> sorted = files.stream().sorted().toList();
        if (strategy != BuildStrategy.MAVEN) {
            return nonEmpty(List.of(new Layer("application", sorted)));
        }
        List<String> dependencies = new ArrayList<>();
        List<String> application = new ArrayList<>();
        for (String file : sorted) {
            if (MAVEN_SKIPPED.stream().anyMatch(file::startsWith)) {
                continue;
            }
            if (file.startsWith("target/") && file.contains("/lib/")) {
                dependencies.add(file);
            } else {
                application.add(file);
            }
        }
        return nonEmpty(List.of(new Layer("dependencies", dependencies), new Layer("application", application)));
    }

    private static List<Layer> nonEmpty(List<Layer> layers) {
        return layers.stream().filter(l -> !l.files().isEmpty()).toList();
    }
}
