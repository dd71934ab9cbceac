package dev.wisp.build.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageLayersTest {
    record Case(String name, BuildStrategy strategy, List<String> files, List<ImageLayers.Layer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("maven keeps the build output, not sources or loose classes", BuildStrategy.MAVEN,
                        List.of("src/main/java/A.java", "target/classes/A.class", "target/app.jar", "pom.xml", "target/maven-status/x"),
                        List.of(new ImageLayers.Layer("application", List.of("pom.xml", "target/app.jar")))),
                new Case("maven libraries get their own layer", BuildStrategy.MAVEN,
                        List.of("target/quarkus-app/quarkus-run.jar", "target/quarkus-app/lib/main/b.jar", "target/quarkus-app/lib/boot/a.jar"),
                        List.of(new ImageLayers.Layer("dependencies", List.of("target/quarkus-app/lib/boot/a.jar", "target/quarkus-app/lib/main/b.jar")),
                                new ImageLayers.Layer("application", List.of("target/quarkus-app/quarkus-run.jar")))),
                new Case("python is one sorted layer", BuildStrategy.PYTHON, List.of("app.py", "Procfile", "lib/x.py"),
                        List.of(new ImageLayers.Layer("application", List.of("Procfile", "app.py", "lib/x.py")))),
                new Case("nothing left is no layer", BuildStrategy.MAVEN, List.of("src/A.java"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansLayers(Case c) {
        assertThat(ImageLayers.plan(c.strategy(), c.files())).isEqualTo(c.expected());
    }
}
