package dev.wisp.serving.runtime;

import java.time.Instant;

/**
 * Why an instance failed, as a Knative-style condition reason and a message for users.
 *
 * @param reason  for example {@code ExitCode1} (Knative's form), {@code StartFailed}, {@code ProbeTimeout}
 * @param message one paragraph: what happened and the last lines of the instance's output
 */
public record InstanceFailure(String reason, String message, Instant at) {
}
