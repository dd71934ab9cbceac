package dev.wisp.eventing.delivery.policy;

import java.time.Duration;
import java.time.Instant;

/** What to do after a try: it was delivered, retry it at a time, or give up (dead-letter sink, else park). */
public sealed interface RetryDecision {
    /** The subscriber accepted the event (2xx). */
    record Delivered() implements RetryDecision {
    }

    /** Try again: retry number {@code retry} (1-based) after {@code delay}, that is at {@code at}. */
    record Retry(int retry, Duration delay, Instant at) implements RetryDecision {
    }

    /** No more tries: {@code reason} says why ({@code status 400 is not retryable}, {@code 4 tries failed, last: timeout}). */
    record GiveUp(String reason) implements RetryDecision {
    }
}
