package dev.wisp.serving.runtime.process;

import java.time.Duration;

/**
 * The delay before restarting a crashed instance: {@code initial} doubled per consecutive crash
 * up to {@code max}, as Kubernetes' CrashLoopBackOff. An instance that stayed ready for at least
 * {@code max} before crashing starts again from {@code initial}.
 */
public record RestartBackoff(Duration initial, Duration max) {

    /** The delay before the restart that follows the {@code consecutiveCrashes}-th crash in a row (1-based). */
    public Duration delay(int consecutiveCrashes) {
        Duration delay = initial;
        for (int i = 1; i < consecutiveCrashes && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether an instance that was ready for {@code readyFor} before it crashed starts the backoff afresh. */
    public boolean resetsAfter(Duration readyFor) {
        return readyFor != null && readyFor.compareTo(max) >= 0;
    }
}
