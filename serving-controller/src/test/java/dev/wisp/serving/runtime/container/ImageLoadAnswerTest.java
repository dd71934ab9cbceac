package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageLoadAnswerTest {

    private static final String ARCHIVE = "/state/images/sha256-ab.tar";

    record Case(String name, String body, String reference) {
    }

    static Stream<Case> loaded() {
        return Stream.of(
                new Case("Podman names the image", "{\"stream\":\"Loaded image: localhost/wisp-build/default/hi:bundle-1\\n\"}",
                        "localhost/wisp-build/default/hi:bundle-1"),
                new Case("Podman joins several names with commas", "{\"stream\":\"Loaded image: localhost/a:1,localhost/b:2\"}",
                        "localhost/a:1"),
                new Case("Docker streams lines and names the tag", "{\"stream\":\"Loaded image: app:1\\n\"}\n{\"stream\":\"\\n\"}\n",
                        "app:1"),
                new Case("Docker gives the ID of an untagged archive", "{\"stream\":\"Loaded image ID: sha256:9b6b\\n\"}",
                        "sha256:9b6b"),
                new Case("a name wins over an ID", "{\"stream\":\"Loaded image ID: sha256:9b6b\"}\n{\"stream\":\"Loaded image: app:2\"}",
                        "app:2"),
                new Case("progress that is not JSON is skipped", "Loading layer 1/2\n{\"stream\":\"Loaded image: app:3\"}", "app:3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaded")
    void readsTheLoadedReference(Case c) {
        assertThat(ImageLoadAnswer.loadedReference(ARCHIVE, c.body())).isEqualTo(c.reference());
    }

    record FailureCase(String name, String body, String message) {
    }

    static Stream<FailureCase> failures() {
        return Stream.of(
                new FailureCase("an error object", "{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}",
                        "the engine could not load " + ARCHIVE + ": unexpected EOF"),
                new FailureCase("an error after progress", "{\"stream\":\"Loading\"}\n{\"error\":\"no space left on device\"}",
                        "the engine could not load " + ARCHIVE + ": no space left on device"),
                new FailureCase("no name and no ID", "{\"stream\":\"\"}", "named no image in its answer"),
                new FailureCase("an empty answer", "", "named no image in its answer: (empty)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsNamingTheArchive(FailureCase c) {
        assertThatThrownBy(() -> ImageLoadAnswer.loadedReference(ARCHIVE, c.body()))
                .isInstanceOf(EngineException.class).hasMessageContaining(ARCHIVE).hasMessageContaining(c.message());
    }
}
