package dev.wisp.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExampleRoundTripTest {
    private final ResourceCodec codec = new ResourceCodec();

    record Supported(String file, int resources) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Supported> supported() {
        return Stream.of(new Supported("hello-service.yaml", 1), new Supported("blue-green.yaml", 1),
                new Supported("broker-trigger.yaml", 3), new Supported("build.yaml", 1));
    }

    @Test
    void everyExampleIsCovered() throws IOException {
        try (Stream<Path> files = Files.list(ExampleFiles.DIRECTORY)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            List<String> covered = supported().map(Supported::file).toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void yamlRoundTripKeepsTheTree(Supported example) {
        List<HasMetadata> parsed = codec.readAll(ExampleFiles.read(example.file()));
        assertThat(parsed).hasSize(example.resources());

        List<HasMetadata> again = codec.readAll(codec.toYaml(parsed));

        assertThat(trees(again)).isEqualTo(trees(parsed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void jsonRoundTripKeepsTheTree(Supported example) {
        List<HasMetadata> parsed = codec.readAll(ExampleFiles.read(example.file()));

        List<HasMetadata> again = codec.readAll(codec.toJson(parsed));

        assertThat(trees(again)).isEqualTo(trees(parsed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void parsedTreeMatchesTheFileExceptComments(Supported example) throws IOException {
        String text = ExampleFiles.read(example.file());
        ObjectMapper plainYaml = new YAMLMapper();
        JsonNode asWritten = plainYaml.readTree(text);

        JsonNode parsed = codec.toTree(codec.readAll(text).get(0));

        // the file's 60 reads as an int, the model's Long writes a long: compare numbers by value
        assertThat(parsed.equals(ExampleRoundTripTest::compareScalars, asWritten))
                .as("%s%nparsed as %s", asWritten, parsed).isTrue();
    }

    private static int compareScalars(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private List<JsonNode> trees(List<HasMetadata> resources) {
        return resources.stream().map(codec::toTree).toList();
    }
}
