package dev.wisp.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuntimeSelectionTest {

    private static final String FOUND = "/run/podman/podman.sock";

    record Case(String name, String mode, String given, Set<String> sockets, String defaultRuntime, Optional<String> socket) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("process without an engine", "process", null, Set.of(), "process", Optional.empty()),
                new Case("process still offers a found engine to annotated revisions", "process", null, Set.of(FOUND),
                        "process", Optional.of(FOUND)),
                new Case("auto with an engine runs containers", "auto", null, Set.of(FOUND), "container", Optional.of(FOUND)),
                new Case("auto without an engine runs processes", "auto", null, Set.of(), "process", Optional.empty()),
                new Case("container with a given socket", "container", "/tmp/p.sock", Set.of(), "container",
                        Optional.of("/tmp/p.sock")),
                new Case("container with a found socket", "container", null, Set.of(FOUND), "container", Optional.of(FOUND)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesTheDefaultRuntimeAndSocket(Case c) {
        RuntimeSelection selection = new RuntimeSelection(c.mode(), c.given() == null ? null : Path.of(c.given()));
        RuntimeSelection.Resolved resolved = selection.resolve(Map.of(), path -> c.sockets().contains(path.toString()));
        assertThat(resolved).isEqualTo(new RuntimeSelection.Resolved(c.defaultRuntime(), c.socket().map(Path::of)));
    }

    @Test
    void containerWithoutAnEngineSaysWhereItLooked() {
        assertThatThrownBy(() -> new RuntimeSelection("container", null).resolve(Map.of(), path -> false))
                .hasMessageContaining("--runtime container needs a container engine")
                .hasMessageContaining(FOUND).hasMessageContaining("--container-socket");
    }

    @Test
    void anUnknownModeIsRejected() {
        assertThatThrownBy(() -> new RuntimeSelection("docker", null))
                .hasMessage("--runtime must be one of process, container, auto, got \"docker\"");
    }

    record ChoiceCase(String name, Map<String, String> annotations, String defaultRuntime, Set<String> available,
                      String chosen, boolean available_) {
    }

    static Stream<ChoiceCase> choices() {
        return Stream.of(
                new ChoiceCase("no annotation: the default", Map.of(), "container", Set.of("process", "container"), "container", true),
                new ChoiceCase("the annotation wins", Map.of("wisp.dev/runtime", "process"), "container",
                        Set.of("process", "container"), "process", true),
                new ChoiceCase("container asked for but not running", Map.of("wisp.dev/runtime", "container"), "process",
                        Set.of("process"), "container", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void routesEachRevisionByItsAnnotation(ChoiceCase c) {
        String chosen = RoutingWorkloadRuntime.choose(c.annotations(), c.defaultRuntime());
        assertThat(chosen).isEqualTo(c.chosen());
        assertThat(RoutingWorkloadRuntime.problem(chosen, c.available()).isEmpty()).isEqualTo(c.available_());
    }
}
