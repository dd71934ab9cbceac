package dev.wisp.api.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundleReferenceTest {
    private static final String HEX = "0123456789abcdef".repeat(4);

    record Case(String name, String image, Optional<String> directory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("bundle reference", "wisp.local/hello@sha256:" + HEX, Optional.of("sha256-" + HEX)),
                new Case("namespaced name", "wisp.local/default/hello@sha256:" + HEX, Optional.of("sha256-" + HEX)),
                new Case("tag instead of digest", "wisp.local/hello:latest", Optional.empty()),
                new Case("plain image", "wisp.local/hello", Optional.empty()),
                new Case("short digest", "wisp.local/hello@sha256:abc", Optional.empty()),
                new Case("upper-case digest", "wisp.local/hello@sha256:" + HEX.toUpperCase(), Optional.empty()),
                new Case("other registry", "docker.io/hello@sha256:" + HEX, Optional.empty()),
                new Case("path traversal in name", "wisp.local/../x@sha256:" + HEX, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesOnlyBundleReferences(Case c) {
        Optional<BundleReference> ref = BundleReference.parse(c.image());

        assertThat(ref.map(BundleReference::directoryName)).isEqualTo(c.directory());
        ref.ifPresent(r -> assertThat(r.image()).isEqualTo(c.image()));
        ref.ifPresent(r -> assertThat(r.appPath()).isEqualTo("bundles/sha256-" + HEX + "/app"));
    }
}
