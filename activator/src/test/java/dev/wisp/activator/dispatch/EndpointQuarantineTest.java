package dev.wisp.activator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointQuarantineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Endpoint DEAD = new Endpoint("dead", "127.0.0.1", 1);
    private static final Endpoint OTHER = new Endpoint("other", "127.0.0.1", 2);

    record Case(String name, Endpoint asked, long askedAtMillis, boolean quarantined) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("right after the refusal", DEAD, 0, true),
                new Case("just before the end", DEAD, 249, true),
                new Case("at the end", DEAD, 250, false),
                new Case("long after", DEAD, 10_000, false),
                new Case("another instance", OTHER, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skipsARefusingInstanceForItsQuarantine(Case c) {
        EndpointQuarantine quarantine = new EndpointQuarantine(Duration.ofMillis(250));
        quarantine.add(DEAD, T0);

        assertThat(quarantine.contains(c.asked(), T0.plusMillis(c.askedAtMillis()))).isEqualTo(c.quarantined());
    }
}
