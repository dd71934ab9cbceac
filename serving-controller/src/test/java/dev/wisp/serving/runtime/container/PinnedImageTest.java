package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PinnedImageTest {

    private static final String ID = "sha256:8e58";

    record Case(String name, String requested, List<String> repoDigests, PinnedImage pinned) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a repo digest of the requested repository", "localhost/app:1",
                        List.of("other/app@sha256:0000", "localhost/app@sha256:afd7"),
                        new PinnedImage("localhost/app:1", "localhost/app@sha256:afd7", "sha256:afd7")),
                new Case("a registry with a port keeps its port", "localhost:5000/app:1",
                        List.of("localhost:5000/app@sha256:1111"),
                        new PinnedImage("localhost:5000/app:1", "localhost:5000/app@sha256:1111", "sha256:1111")),
                new Case("another repository's digest when none matches", "app:1", List.of("docker.io/library/app@sha256:2222"),
                        new PinnedImage("app:1", "docker.io/library/app@sha256:2222", "sha256:2222")),
                new Case("the image id without repo digests", "built:latest", List.of(),
                        new PinnedImage("built:latest", ID, ID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pinsToADigest(Case c) {
        JsonObject inspection = new JsonObject().put("Id", ID).put("RepoDigests", new JsonArray(c.repoDigests()));
        assertThat(PinnedImage.of(c.requested(), inspection)).isEqualTo(c.pinned());
    }

    record TagCase(String name, String image, String pulled) {
    }

    static Stream<TagCase> tags() {
        return Stream.of(
                new TagCase("no tag means latest", "busybox", "busybox:latest"),
                new TagCase("a registry port is no tag", "localhost:5000/app", "localhost:5000/app:latest"),
                new TagCase("a tag is kept", "localhost:5000/app:2", "localhost:5000/app:2"),
                new TagCase("a digest is kept", "app@sha256:abcd", "app@sha256:abcd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tags")
    void pullsOneTag(TagCase c) {
        assertThat(ImageResolver.withDefaultTag(c.image())).isEqualTo(c.pulled());
    }
}
