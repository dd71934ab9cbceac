package dev.wisp.serving.runtime.process;

import dev.wisp.serving.runtime.InstanceFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the {@link InstanceFailure}s the process runtime reports, with the end of the instance's log. */
public final class FailureMessages {

    static final String PROBE_TIMEOUT = "ProbeTimeout";
    private static final int TAIL_LINES = 10;

    private FailureMessages() {
    }

    /** The instance's process exited with {@code exitCode} while it was wanted. */
    public static InstanceFailure exited(int exitCode, Path logFile, Instant at) {
        return new InstanceFailure("ExitCode" + exitCode,
                "container exited with code " + exitCode + ": " + tail(logFile), at);
    }

    /** The instance did not pass its readiness probe within {@code timeout} and was killed. */
    public static InstanceFailure probeTimeout(Duration timeout, ProbeTarget probe, Path logFile, Instant at) {
        String check = probe.kind() == ProbeTarget.Kind.HTTP
                ? "HTTP GET http://" + probe.host() + ":" + probe.port() + probe.path()
                : "TCP connect to " + probe.host() + ":" + probe.port();
        return new InstanceFailure(PROBE_TIMEOUT, "container did not become ready within " + readable(timeout)
                + " (" + check + " never succeeded; it must listen on $PORT); it was stopped: " + tail(logFile), at);
    }

    /** The instance could not be started at all. */
    public static InstanceFailure launchFailed(LaunchFailure failure, Instant at) {
        return new InstanceFailure(failure.reason(), failure.getMessage(), at);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String tail(Path logFile) {
        List<String> lines = LogTail.lastLines(logFile, TAIL_LINES);
        return lines.isEmpty() ? "(no output)" : String.join("\n", lines);
    }
}
