package dev.wisp.eventing.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PercentEncodingTest {

    record Case(String name, String input, String decoded, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("plain text unchanged", "order-42", "order-42", null),
                new Case("space", "eu%20west", "eu west", null),
                new Case("percent sign", "100%25", "100%", null),
                new Case("UTF-8 bytes", "caf%C3%A9", "café", null),
                new Case("lower-case hex", "%c3%a9", "é", null),
                new Case("not hex", "100%zz", null, "invalid percent-encoding '%zz' at position 3"),
                new Case("cut short", "abc%2", null, "incomplete percent-encoding at position 3"),
                new Case("not UTF-8", "%C3%28", null, "percent-encoded bytes are not UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(Case c) {
        if (c.error() == null) {
            assertThat(PercentEncoding.decode(c.input())).isEqualTo(c.decoded());
        } else {
            assertThatThrownBy(() -> PercentEncoding.decode(c.input())).hasMessage(c.error());
        }
    }
}
