package dev.wisp.autoscaler.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivatorReportParserTest {
    private static final String VALID = """
            {"activator": "wisp-activator-1", "through": "2025-01-01T00:00:05.5Z",
             "metrics": [{"namespace": "default", "revision": "hello-00001", "at": "2025-01-01T00:00:05.001Z",
                          "averageConcurrency": 1.5, "requests": 3}],
             "pokes": [{"namespace": "default", "revision": "hello-00001"}]}""";

    record Case(String name, String change, String expectedMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalid() {
        return Stream.of(
                new Case("no activator", "activator=", "activator: must be a non-empty string"),
                new Case("through not an instant", "through=yesterday", "through: must be an RFC 3339 instant"),
                new Case("negative concurrency", "metrics[0].averageConcurrency=-1", "metrics[0].averageConcurrency: must be a number >= 0"),
                new Case("fractional requests", "metrics[0].requests=1.5", "metrics[0].requests: must be a whole number >= 0"),
                new Case("no revision", "metrics[0].revision=", "metrics[0].revision: must be a non-empty string"),
                new Case("no poke namespace", "pokes[0].namespace=", "pokes[0].namespace: must be a non-empty string"));
    }

    @Test
    void aValidReportIsRead() {
        ActivatorReport report = ActivatorReportParser.parse(new JsonObject(VALID));

        RevisionKey hello = new RevisionKey("default", "hello-00001");
        assertThat(report).isEqualTo(new ActivatorReport("wisp-activator-1", Instant.parse("2025-01-01T00:00:05.5Z"),
                List.of(new RevisionMetric(hello, Instant.parse("2025-01-01T00:00:05.001Z"), 1.5, 3)), List.of(hello)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void aBadFieldIsNamed(Case c) {
        JsonObject body = new JsonObject(VALID);
        String[] pathAndValue = c.change().split("=", 2);
        set(body, pathAndValue[0], pathAndValue[1]);

        assertThatThrownBy(() -> ActivatorReportParser.parse(body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(c.expectedMessage());
    }

    /** Sets {@code path} ({@code a}, {@code a[0].b}) to a number when the value parses as one, else to the text. */
    private static void set(JsonObject body, String path, String value) {
        JsonObject target = body;
        String field = path;
        if (path.contains("[")) {
            String array = path.substring(0, path.indexOf('['));
            int index = Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']')));
            target = body.getJsonArray(array).getJsonObject(index);
            field = path.substring(path.indexOf("].") + 2);
        }
        Object parsed = value;
        try {
            parsed = value.contains(".") ? Double.parseDouble(value) : Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            // kept as text
        }
        target.put(field, parsed);
    }
}
