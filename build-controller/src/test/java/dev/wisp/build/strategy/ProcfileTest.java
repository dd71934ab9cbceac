package dev.wisp.build.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcfileTest {
    record Case(String name, String procfile, Optional<List<String>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("web line split into words", "web: python3 app.py --port $PORT",
                        Optional.of(List.of("python3", "app.py", "--port", "$(PORT)"))),
                new Case("quotes group words", "worker: x\nweb: node \"my server.js\" ${PORT}",
                        Optional.of(List.of("node", "my server.js", "$(PORT)"))),
                new Case("no web line", "worker: run", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheWebCommandWithoutAShell(Case c) throws Exception {
        assertThat(Procfile.webCommand(c.procfile())).isEqualTo(c.expected());
    }

    @Test
    void shellSyntaxIsRefused() {
        assertThatThrownBy(() -> Procfile.webCommand("web: npm start && rm -rf /"))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("without a shell");
    }
}
