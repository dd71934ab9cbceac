package dev.wisp.eventing.delivery.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.eventing.duck.DeliverySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryRetryPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    static DeliverySpec delivery(Integer retry, String policy, String delay) {
        DeliverySpec spec = new DeliverySpec();
        spec.setRetry(retry);
        spec.setBackoffPolicy(policy);
        spec.setBackoffDelay(delay);
        return spec;
    }

    /** A DeliverySpec and the waits before retries 1..n it must give. */
    record Schedule(String name, DeliverySpec delivery, List<Duration> waits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Schedule> schedules() {
        return Stream.of(
                new Schedule("linear: delay × n", delivery(4, "linear", "PT0.5S"), millis(500, 1000, 1500, 2000)),
                new Schedule("exponential: delay × 2^n", delivery(4, "exponential", "PT0.2S"), millis(400, 800, 1600, 3200)),
                new Schedule("exponential is the default policy", delivery(3, null, "PT1S"), millis(2000, 4000, 8000)),
                new Schedule("default delay 200ms", delivery(2, "linear", null), millis(200, 400)),
                new Schedule("capped at one hour", delivery(40, "exponential", "PT1S"),
                        IntStream.rangeClosed(1, 40).mapToObj(n -> n <= 11 ? Duration.ofSeconds(1L << n) : Duration.ofHours(1)).toList()));
    }

    private static List<Duration> millis(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void retriesFollowTheBackoffPolicy(Schedule s) {
        DeliveryRetryPolicy policy = DeliveryRetryPolicy.of(s.delivery());
        Instant now = CLOCK.instant();

        for (int tries = 1; tries <= s.waits().size(); tries++) {
            RetryDecision decision = policy.next(tries, AttemptOutcome.response(503), now);
            Duration wait = s.waits().get(tries - 1);
            assertThat(decision).as("after try %d", tries).isEqualTo(new RetryDecision.Retry(tries, wait, now.plus(wait)));
        }
        assertThat(policy.next(s.waits().size() + 1, AttemptOutcome.response(503), now))
                .isEqualTo(new RetryDecision.GiveUp((s.waits().size() + 1) + " tries failed, last: status 503"));
    }

    /** One failed try and what the policy (retry 3, linear PT1S, retryAfterMax PT30S) decides. */
    record Outcome(String name, AttemptOutcome outcome, RetryDecision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Outcome> outcomes() {
        Instant now = CLOCK.instant();
        RetryDecision retryIn1s = new RetryDecision.Retry(1, Duration.ofSeconds(1), now.plusSeconds(1));
        return Stream.of(
                new Outcome("200 delivered", AttemptOutcome.response(200), new RetryDecision.Delivered()),
                new Outcome("202 delivered", AttemptOutcome.response(202), new RetryDecision.Delivered()),
                new Outcome("network error retried", AttemptOutcome.networkError(), retryIn1s),
                new Outcome("timeout retried", AttemptOutcome.timeout(), retryIn1s),
                new Outcome("500 retried", AttemptOutcome.response(500), retryIn1s),
                new Outcome("503 retried", AttemptOutcome.response(503), retryIn1s),
                new Outcome("404 retried", AttemptOutcome.response(404), retryIn1s),
                new Outcome("408 retried", AttemptOutcome.response(408), retryIn1s),
                new Outcome("409 retried", AttemptOutcome.response(409), retryIn1s),
                new Outcome("429 retried", AttemptOutcome.response(429), retryIn1s),
                new Outcome("400 not retried", AttemptOutcome.response(400), new RetryDecision.GiveUp("status 400 is not retryable")),
                new Outcome("401 not retried", AttemptOutcome.response(401), new RetryDecision.GiveUp("status 401 is not retryable")),
                new Outcome("403 not retried", AttemptOutcome.response(403), new RetryDecision.GiveUp("status 403 is not retryable")),
                new Outcome("413 not retried", AttemptOutcome.response(413), new RetryDecision.GiveUp("status 413 is not retryable")),
                new Outcome("302 not retried", AttemptOutcome.response(302), new RetryDecision.GiveUp("status 302 is not retryable")),
                new Outcome("429 Retry-After seconds longer than backoff",
                        AttemptOutcome.response(429, "7"), new RetryDecision.Retry(1, Duration.ofSeconds(7), now.plusSeconds(7))),
                new Outcome("503 Retry-After shorter than backoff keeps backoff", AttemptOutcome.response(503, "0"), retryIn1s),
                new Outcome("Retry-After capped by retryAfterMax",
                        AttemptOutcome.response(429, "3600"), new RetryDecision.Retry(1, Duration.ofSeconds(30), now.plusSeconds(30))),
                new Outcome("Retry-After HTTP-date", AttemptOutcome.response(503, "Wed, 01 May 2024 12:00:12 GMT"),
                        new RetryDecision.Retry(1, Duration.ofSeconds(12), now.plusSeconds(12))),
                new Outcome("Retry-After unreadable is ignored", AttemptOutcome.response(503, "soon"), retryIn1s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void classifiesTheOutcome(Outcome o) {
        DeliverySpec spec = delivery(3, "linear", "PT1S");
        spec.setRetryAfterMax("PT30S");

        assertThat(DeliveryRetryPolicy.of(spec).next(1, o.outcome(), CLOCK.instant())).isEqualTo(o.expected());
    }

    /** Which delivery spec a Trigger ends up with, and its retry count and timeout. */
    record Inherit(String name, DeliverySpec trigger, DeliverySpec broker, int retry, Duration timeout) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Inherit> inheritance() {
        DeliverySpec withTimeout = delivery(2, "linear", "PT1S");
        withTimeout.setTimeout("PT5S");
        return Stream.of(
                new Inherit("none: one try, Serving's request timeout", null, null, 0, Duration.ofSeconds(300)),
                new Inherit("broker's when the trigger has none", null, withTimeout, 2, Duration.ofSeconds(5)),
                new Inherit("trigger's wins as a whole", delivery(1, null, null), withTimeout, 1, Duration.ofSeconds(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inheritance")
    void triggerDeliveryElseBrokers(Inherit c) {
        DeliveryRetryPolicy policy = DeliveryRetryPolicy.of(c.trigger(), c.broker());

        assertThat(policy.retry()).isEqualTo(c.retry());
        assertThat(policy.timeout()).isEqualTo(c.timeout());
        assertThat(policy.next(1, AttemptOutcome.timeout(), CLOCK.instant()))
                .isInstanceOf(c.retry() == 0 ? RetryDecision.GiveUp.class : RetryDecision.Retry.class);
    }
}
