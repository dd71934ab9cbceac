package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleDirectoryTest {
    private static final String HEX = "ab".repeat(32);
    private static final String IMAGE = "wisp.local/hello@sha256:" + HEX;

    @TempDir
    Path state;

    @Test
    void plainImagesAreNotBundles() throws Exception {
        assertThat(BundleDirectory.check(container("wisp.local/hello", null))).isEmpty();
    }

    @Test
    void bundleRunsInItsExistingAppDirectory() throws Exception {
        Path app = Files.createDirectories(state.resolve("bundles/sha256-" + HEX + "/app"));

        assertThat(BundleDirectory.check(container(IMAGE, app.toString()))).isPresent();
    }

    @Test
    void bundleWithAnotherWorkingDirIsRefused() {
        assertThatThrownBy(() -> BundleDirectory.check(container(IMAGE, state.toString())))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("must be its directory");
    }

    @Test
    void missingBundleIsNamed() {
        String app = state.resolve("bundles/sha256-" + HEX + "/app").toString();

        assertThatThrownBy(() -> BundleDirectory.check(container(IMAGE, app)))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("is not in " + app);
    }

    private static Container container(String image, String workingDir) {
        Container c = new Container();
        c.setImage(image);
        c.setWorkingDir(workingDir);
        c.setCommand(java.util.List.of("true"));
        return c;
    }
}
