package dev.wisp.build.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDigestTest {
    @TempDir
    Path a;
    @TempDir
    Path b;

    @Test
    void sameContentElsewhereAndLaterHasTheSameDigest() throws Exception {
        write(a, "x/one.txt", "1");
        write(a, "two.txt", "2");
        write(b, "two.txt", "2");
        write(b, "x/one.txt", "1");
        Files.setLastModifiedTime(b.resolve("two.txt"), FileTime.fromMillis(0));

        assertThat(TreeDigest.of(a, Set.of())).isEqualTo(TreeDigest.of(b, Set.of())).hasSize(64);
    }

    @Test
    void contentNameAndSkippedDirectoriesDecide() throws Exception {
        write(a, "one.txt", "1");
        String before = TreeDigest.of(a, Set.of("target"));
        write(a, "target/out.jar", "built");
        assertThat(TreeDigest.of(a, Set.of("target"))).isEqualTo(before);

        write(a, "one.txt", "changed");
        assertThat(TreeDigest.of(a, Set.of("target"))).isNotEqualTo(before);
    }

    @Test
    void committingTheSameBundleTwiceGivesTheSameReference(@TempDir Path state) throws Exception {
        BundleStore store = new BundleStore(state);
        BundleManifest manifest = new BundleManifest("app", "python", "sha256:x", List.of("python3", "app.py"), List.of(), Map.of());
        write(a, "src/app.py", "print(1)");
        write(b, "src/app.py", "print(1)");

        var first = store.commit(a.resolve("src"), manifest);
        var second = store.commit(b.resolve("src"), manifest);

        assertThat(second).isEqualTo(first);
        assertThat(store.appDirectory(first).resolve("app.py")).hasContent("print(1)");
        assertThat(store.manifest(first)).contains(manifest);
    }

    private static void write(Path root, String file, String content) throws Exception {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), content);
    }
}
