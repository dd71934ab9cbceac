package dev.wisp.serving.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    record Case(String name, String content, int lines, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String marker = LogTail.START_MARKER + " 2026-01-01T00:00:00Z\n";
        return Stream.of(
                new Case("no marker: last lines", "a\nb\nc\n", 2, List.of("b", "c")),
                new Case("blank lines skipped", "a\n\n  \nb\n", 5, List.of("a", "b")),
                new Case("only the latest run after a restart", marker + "first run failed\n" + marker + "second run failed\n", 10,
                        List.of("second run failed")),
                new Case("latest run wrote nothing", marker + "old\n" + marker, 10, List.of()),
                new Case("empty file", "", 3, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lastLinesOfTheLatestRun(Case c, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("instance.log");
        Files.writeString(file, c.content());
        assertThat(LogTail.lastLines(file, c.lines())).isEqualTo(c.expected());
    }
}
