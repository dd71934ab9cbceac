package dev.wisp.activator.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostHeaderTest {

    record Case(String name, String header, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("plain", "hello.default.localhost", "hello.default.localhost"),
                new Case("with port", "hello.default.localhost:8080", "hello.default.localhost"),
                new Case("mixed case", "Hello.DEFAULT.LocalHost", "hello.default.localhost"),
                new Case("trailing dot", "hello.default.localhost.:80", "hello.default.localhost"),
                new Case("surrounding blanks", "  hello.default.localhost ", "hello.default.localhost"),
                new Case("ipv6 with port", "[::1]:8080", "[::1]"),
                new Case("missing", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalizesTheHostName(Case c) {
        assertThat(HostHeader.hostName(c.header())).isEqualTo(c.expected());
    }
}
