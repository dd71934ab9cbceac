package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RepliesTest {

    record Case(String name, Duration timeout, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("knative default", Duration.ofSeconds(300), "300s"),
                new Case("whole minutes in seconds", Duration.ofMinutes(2), "120s"),
                new Case("sub-second", Duration.ofMillis(800), "800ms"),
                new Case("seconds and millis", Duration.ofMillis(1500), "1500ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void describesATimeoutTheWayUsersWriteIt(Case c) {
        assertThat(Replies.describe(c.timeout())).isEqualTo(c.expected());
    }
}
