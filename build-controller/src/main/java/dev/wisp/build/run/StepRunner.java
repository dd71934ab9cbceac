package dev.wisp.build.run;

import dev.wisp.build.strategy.BuildFailure;
import dev.wisp.build.strategy.BuildStep;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs build steps as child processes, never through a shell: each step's argument array in the
 * app's directory, Wisp's environment plus the step's, standard input closed, output appended to the
 * build log after a {@code ==> step: NAME} line. A step that fails or outlives its timeout fails the
 * build with its error lines.
 */
public final class StepRunner {
    private final Duration stepTimeout;

    public StepRunner(Duration stepTimeout) {
        this.stepTimeout = stepTimeout;
    }

    /**
     * Runs one step; returns normally only when it exited 0. A failure's message names paths in the work
     * copy relative to the source, through {@code paths}.
     */
    public void run(BuildStep step, Path workDir, Path logFile, SourcePaths paths) throws BuildFailure {
        long start;
        try {
            Files.writeString(logFile, "==> step: " + step.name() + "\n", java.nio.file.StandardOpenOption.APPEND);
            start = Files.size(logFile);
        } catch (IOException e) {
            throw new BuildFailure("LogFailed", "cannot write the build log " + logFile + ": " + e.getMessage(), e);
        }
        Process process = startProcess(step, workDir, logFile);
        try {
            if (!process.waitFor(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new BuildFailure("StepTimedOut", "step \"" + step.name() + "\" did not finish within " + stepTimeout);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BuildFailure("Interrupted", "step \"" + step.name() + "\" was interrupted (wisp stopping)");
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new BuildFailure("StepFailed", StepFailureMessage.of(step.name(), exit, readFrom(logFile, start), paths));
        }
    }

    private static Process startProcess(BuildStep step, Path workDir, Path logFile) throws BuildFailure {
        ProcessBuilder builder = new ProcessBuilder(step.argv())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.putAll(step.env());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BuildFailure("StepFailed", "cannot start step \"" + step.name() + "\": " + e.getMessage()
                    + " (is " + step.argv().get(0) + " installed and on PATH?)", e);
        }
    }

    private static String readFrom(Path file, long offset) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read the build log: " + e.getMessage() + ")";
        }
    }
}
