package dev.wisp.activator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.activator.proxy.UpstreamTimeouts.Expired;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamTimeoutsTest {

    private static final long MS = 1_000_000L;
    private static final long SENT = 5_000 * MS;

    /** A request sent at SENT with the given timeouts; the head (if any) and the last read at those ms after it. */
    record Case(String name, long responseStartMillis, long idleMillis, long headAfterMillis, long lastReadAfterMillis,
                long checkAfterMillis, Expired expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no timeouts: nothing ever expires", 0, 0, -1, -1, 1_000_000, Expired.NONE),
                new Case("no head yet, before the response-start timeout", 1000, 0, -1, -1, 999, Expired.NONE),
                new Case("no head at the response-start timeout", 1000, 0, -1, -1, 1000, Expired.RESPONSE_START),
                new Case("head arrived in time: response start no longer applies", 1000, 0, 500, -1, 5000, Expired.NONE),
                new Case("silent for the idle timeout since sending", 0, 1000, -1, -1, 1000, Expired.IDLE),
                new Case("a read resets the idle timeout", 0, 1000, 200, 800, 1500, Expired.NONE),
                new Case("silent for the idle timeout since the last read", 0, 1000, 200, 800, 1800, Expired.IDLE),
                new Case("both set: the response start one is told first", 500, 500, -1, -1, 600, Expired.RESPONSE_START));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tellsWhichTimeoutPassed(Case c) {
        UpstreamTimeouts timeouts = new UpstreamTimeouts();
        timeouts.start(SENT, c.responseStartMillis(), c.idleMillis());
        if (c.headAfterMillis() >= 0) {
            timeouts.responseStarted();
            timeouts.read(SENT + c.headAfterMillis() * MS);
        }
        if (c.lastReadAfterMillis() >= 0) {
            timeouts.read(SENT + c.lastReadAfterMillis() * MS);
        }

        assertThat(timeouts.expired(SENT + c.checkAfterMillis() * MS)).isEqualTo(c.expected());
    }

    @Test
    void theFirstCheckIsAtTheShorterTimeout() {
        assertThat(new UpstreamTimeouts().start(SENT, 3000, 1000)).isEqualTo(1000);
        assertThat(new UpstreamTimeouts().start(SENT, 1000, 3000)).isEqualTo(1000);
        assertThat(new UpstreamTimeouts().start(SENT, 0, 0)).isZero();
    }

    @Test
    void theNextCheckIsWhenTheIdleTimeoutWouldPassRoundedUpToTheStep() {
        UpstreamTimeouts timeouts = new UpstreamTimeouts();
        timeouts.start(SENT, 0, 1000);
        timeouts.read(SENT + 730 * MS);

        // at 1000 ms the last read was 270 ms ago: 730 ms remain, checked again in 750
        assertThat(timeouts.nextCheckMillis(SENT + 1000 * MS)).isEqualTo(750);
    }

    @Test
    void aStoppedExchangeIsNotCheckedAgain() {
        UpstreamTimeouts timeouts = new UpstreamTimeouts();
        timeouts.start(SENT, 1000, 1000);
        timeouts.stop();

        assertThat(timeouts.expired(SENT + 10_000 * MS)).isEqualTo(Expired.NONE);
        assertThat(timeouts.nextCheckMillis(SENT + 10 * MS)).isZero();
    }
}
