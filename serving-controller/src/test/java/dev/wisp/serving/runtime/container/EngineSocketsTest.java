package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineSocketsTest {

    record Case(String name, Map<String, String> env, Set<String> sockets, Optional<String> found) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("DOCKER_HOST first", Map.of("DOCKER_HOST", "unix:///tmp/e.sock"),
                        Set.of("/tmp/e.sock", "/var/run/docker.sock"), Optional.of("/tmp/e.sock")),
                new Case("a tcp DOCKER_HOST is not a socket", Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"),
                        Set.of("/var/run/docker.sock"), Optional.of("/var/run/docker.sock")),
                new Case("rootful podman before docker", Map.of(),
                        Set.of("/run/podman/podman.sock", "/var/run/docker.sock"), Optional.of("/run/podman/podman.sock")),
                new Case("rootless podman last", Map.of("XDG_RUNTIME_DIR", "/run/user/1000"),
                        Set.of("/run/user/1000/podman/podman.sock"), Optional.of("/run/user/1000/podman/podman.sock")),
                new Case("nothing found", Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), Set.of(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheEngineSocket(Case c) {
        assertThat(EngineSockets.find(c.env(), path -> c.sockets().contains(path.toString())))
                .isEqualTo(c.found().map(Path::of));
    }
}
