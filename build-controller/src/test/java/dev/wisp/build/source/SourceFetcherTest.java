package dev.wisp.build.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.build.v1alpha1.BuildSource;
import dev.wisp.api.build.v1alpha1.LocalSource;
import dev.wisp.build.strategy.BuildFailure;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFetcherTest {
    @TempDir
    Path dir;

    @Test
    void specialFilesAreLeftOutAndReported() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app"));
        Files.writeString(src.resolve("app.py"), "print('hi')\n");
        Process mkfifo = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(src.resolve("agent.sock")));

            FetchedSource fetched = new SourceFetcher().fetch(local(src), dir.resolve("copy"));

            assertThat(fetched.skippedSpecialFiles()).containsExactlyInAnyOrder(Path.of("pipe"), Path.of("agent.sock"));
            assertThat(dir.resolve("copy/app.py")).hasContent("print('hi')");
            assertThat(dir.resolve("copy/pipe")).doesNotExist();
            assertThat(dir.resolve("copy/agent.sock")).doesNotExist();
        }
    }

    @Test
    void aLinkInsideTheSourceIsCopiedAsALink() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app/lib"));
        Files.writeString(src.resolve("real.txt"), "x");
        Files.createSymbolicLink(src.resolve("alias.txt"), Path.of("real.txt"));
        Files.createSymbolicLink(dir.resolve("app/up.txt"), Path.of("lib/../lib/real.txt"));

        new SourceFetcher().fetch(local(dir.resolve("app")), dir.resolve("copy"));

        assertThat(Files.readSymbolicLink(dir.resolve("copy/lib/alias.txt"))).isEqualTo(Path.of("real.txt"));
        assertThat(dir.resolve("copy/up.txt")).hasContent("x");
    }

    @Test
    void aLinkLeavingTheSourceIsRefusedWithItsPath() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app/conf"));
        Files.writeString(dir.resolve("secret.txt"), "s");
        Files.createSymbolicLink(src.resolve("secret"), Path.of("../../secret.txt"));

        assertThatThrownBy(() -> new SourceFetcher().fetch(local(dir.resolve("app")), dir.resolve("copy")))
                .isInstanceOfSatisfying(BuildFailure.class, e -> {
                    assertThat(e.reason()).isEqualTo("SourceLinkOutside");
                    assertThat(e.getMessage()).contains("symbolic link conf/secret -> ../../secret.txt points outside the source");
                });
    }

    @Test
    void anAbsoluteLinkOutsideIsRefusedEvenWhenItDangles() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app"));
        Files.createSymbolicLink(src.resolve("etc"), Path.of("/nonexistent/etc"));

        assertThatThrownBy(() -> new SourceFetcher().fetch(local(src), dir.resolve("copy")))
                .isInstanceOfSatisfying(BuildFailure.class, e -> assertThat(e.getMessage()).contains("etc -> /nonexistent/etc"));
    }

    private static BuildSource local(Path path) {
        BuildSource source = new BuildSource();
        source.setLocal(new LocalSource(path.toString()));
        return source;
    }
}
