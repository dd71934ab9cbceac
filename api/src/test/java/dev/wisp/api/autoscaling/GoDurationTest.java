package dev.wisp.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {
    record Case(String text, Duration parsed, String formatted) {
        @Override
        public String toString() {
            return text;
        }
    }

    record Bad(String text, String message) {
        @Override
        public String toString() {
            return text.isEmpty() ? "(empty)" : text;
        }
    }

    static Stream<Case> valid() {
        return Stream.of(
                new Case("60s", Duration.ofSeconds(60), "1m0s"),
                new Case("1m30s", Duration.ofSeconds(90), "1m30s"),
                new Case("6s", Duration.ofSeconds(6), "6s"),
                new Case("1h", Duration.ofHours(1), "1h0m0s"),
                new Case("1.5h", Duration.ofMinutes(90), "1h30m0s"),
                new Case("300ms", Duration.ofMillis(300), "300ms"),
                new Case("2h45m10.5s", Duration.ofHours(2).plusMinutes(45).plusMillis(10_500), "2h45m10.5s"),
                new Case("1us", Duration.ofNanos(1000), "1\u00b5s"),
                new Case("10ns", Duration.ofNanos(10), "10ns"),
                new Case("1.5ms", Duration.ofNanos(1_500_000), "1.5ms"),
                new Case("0", Duration.ZERO, "0s"),
                new Case("-5s", Duration.ofSeconds(-5), "-5s"),
                new Case("+.5s", Duration.ofMillis(500), "500ms"));
    }

    static Stream<Bad> invalid() {
        return Stream.of(
                new Bad("", "invalid duration \"\": empty"),
                new Bad("60", "invalid duration \"60\": missing unit (use ns, us, ms, s, m or h)"),
                new Bad("5d", "invalid duration \"5d\": unknown unit \"d\" (use ns, us, ms, s, m or h)"),
                new Bad("s", "invalid duration \"s\": expected a number at position 0"),
                new Bad("1..2s", "invalid duration \"1..2s\": expected a number at position 0"),
                new Bad("-", "invalid duration \"-\": no number"),
                new Bad("PT60S", "invalid duration \"PT60S\": expected a number at position 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndFormatsLikeGo(Case c) {
        assertThat(GoDuration.parse(c.text())).isEqualTo(c.parsed());
        assertThat(GoDuration.format(c.parsed())).isEqualTo(c.formatted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithTheReason(Bad b) {
        assertThatThrownBy(() -> GoDuration.parse(b.text()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(b.message());
    }
}
